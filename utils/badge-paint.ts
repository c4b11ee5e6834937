import type { Verdict } from './assess/posture';
import { badgeFor, type BadgeContext } from './badge';
import { defaultSettings, type Settings } from './storage/settings';

// Puts a verdict's badge on a tab's toolbar button, skipping calls that would change nothing. The
// painter holds the settings, so a settings change repaints every tab it painted from what it already
// knows (verdict and context), without recording or assessing anything again.

export interface ActionApi {
  setBadgeText(details: { tabId: number; text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void> | void;
  setBadgeTextColor?(details: { tabId: number; color: string }): Promise<void> | void;
  setTitle(details: { tabId: number; title: string }): Promise<void> | void;
}

/** The badge context of a tab's current page, from the recorder (host, root), when the tab is known. */
export type ContextOf = (tabId: number) => BadgeContext | undefined;

interface Painted {
  verdict: Verdict;
  ctx: BadgeContext;
  /** Text, colour and title as last set, to skip calls that would change nothing; null: not yet painted. */
  shown: string | null;
}

export class BadgePainter {
  private readonly painted = new Map<number, Painted>();

  /**
   * @param settings null until the stored settings are read (`setSettings`): paints wait for them, so
   * a worker that wakes up never flashes a badge the user turned off.
   */
  constructor(
    private readonly action: ActionApi,
    private readonly translate: (key: string) => string,
    private readonly contextOf: ContextOf = () => undefined,
    private settings: Settings | null = defaultSettings(),
  ) {}

  /** `force` after a commit: Chrome clears the badge itself when a navigation commits. */
  paint(tabId: number, verdict: Verdict, force = false, ctx: BadgeContext = this.contextOf(tabId) ?? {}): void {
    if (!this.settings) {
      this.painted.set(tabId, { verdict, ctx, shown: null });
      return;
    }
    const b = badgeFor(verdict, ctx, this.settings);
    const text = b.textKey ? this.translate(b.textKey) : '';
    const title = b.noteKey ? `${this.translate(b.titleKey)} ${this.translate(b.noteKey)}` : this.translate(b.titleKey);
    const shown = `${text}\n${b.color}\n${title}`;
    const before = this.painted.get(tabId);
    this.painted.set(tabId, { verdict, ctx, shown });
    if (!force && before?.shown === shown) return;
    // A tab can close between the event and the call: that rejection is expected and harmless.
    const quiet = (p: Promise<void> | void) => void Promise.resolve(p).catch(() => {});
    quiet(this.action.setBadgeText({ tabId, text }));
    if (text) {
      quiet(this.action.setBadgeBackgroundColor({ tabId, color: b.color }));
      if (this.action.setBadgeTextColor) quiet(this.action.setBadgeTextColor({ tabId, color: '#FFFFFF' }));
    }
    quiet(this.action.setTitle({ tabId, title }));
  }

  /** New settings: every tab this painter knows is repainted where its badge or title changes. */
  setSettings(settings: Settings): void {
    this.settings = settings;
    for (const [tabId, p] of this.painted) this.paint(tabId, p.verdict, p.shown === null, p.ctx);
  }

  /** Whether this painter knows the tab's verdict (after a worker restart it knows none until they change). */
  knows(tabId: number): boolean {
    return this.painted.has(tabId);
  }

  forget(tabId: number): void {
    this.painted.delete(tabId);
  }

  verdictOf(tabId: number): Verdict | undefined {
    return this.painted.get(tabId)?.verdict;
  }
}
