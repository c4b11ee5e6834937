import type { Verdict } from './assess/posture';
import { badgeFor } from './badge';

// Puts a verdict's badge on a tab's toolbar button, skipping calls that would change nothing.

export interface ActionApi {
  setBadgeText(details: { tabId: number; text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void> | void;
  setBadgeTextColor?(details: { tabId: number; color: string }): Promise<void> | void;
  setTitle(details: { tabId: number; title: string }): Promise<void> | void;
}

export class BadgePainter {
  private readonly painted = new Map<number, Verdict>();

  constructor(
    private readonly action: ActionApi,
    private readonly translate: (key: string) => string,
  ) {}

  /** `force` after a commit: Chrome clears the badge itself when a navigation commits. */
  paint(tabId: number, verdict: Verdict, force = false): void {
    if (!force && this.painted.get(tabId) === verdict) return;
    this.painted.set(tabId, verdict);
    const b = badgeFor(verdict);
    const text = b.textKey ? this.translate(b.textKey) : '';
    const title = this.translate(b.titleKey);
    // A tab can close between the event and the call: that rejection is expected and harmless.
    const quiet = (p: Promise<void> | void) => void Promise.resolve(p).catch(() => {});
    quiet(this.action.setBadgeText({ tabId, text }));
    if (text) {
      quiet(this.action.setBadgeBackgroundColor({ tabId, color: b.color }));
      if (this.action.setBadgeTextColor) quiet(this.action.setBadgeTextColor({ tabId, color: '#FFFFFF' }));
    }
    quiet(this.action.setTitle({ tabId, title }));
  }

  forget(tabId: number): void {
    this.painted.delete(tabId);
  }

  verdictOf(tabId: number): Verdict | undefined {
    return this.painted.get(tabId);
  }
}
