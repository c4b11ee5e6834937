import { hostFacts } from '../hosts';
import type { PageView } from '../page-view';
import { readSettings, watchSettings, type SettingsArea, type StorageChangeEvent } from '../settings-store';
import { memoryKey, SECRET_KEY } from '../storage/memory';
import type { Settings } from '../storage/settings';
import { observationOf } from './classify';
import type { MemoryNote, MemoryStore } from './store';

// The background's side of per-site memory: once per page, when its facts are final, the page is
// classified against what was remembered and remembered anew; the findings go to storage.session
// beside the view (`memory:<tabId>`), so that the popup shows them without the secret. The posture
// and the badge never depend on memory.
// "Final": at the first change after the commit that carries the main document's security info, an
// http page at once, or `delayMs` after the commit (Chrome gives no security info without its flag).

export { memoryKey } from '../storage/memory';

export interface SessionNotes {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export class MemoryObserver {
  /** The view id each tab was observed for (or is waiting to be). */
  private readonly done = new Map<number, string>();
  private readonly timers = new Map<number, { id: string; timer: ReturnType<typeof setTimeout> }>();
  private readonly latest = new Map<number, PageView>();
  private settings: Promise<Pick<Settings, 'memory' | 'memoryDays'>>;
  errors = 0;

  constructor(
    private readonly store: MemoryStore,
    private readonly session: SessionNotes | undefined,
    local: SettingsArea,
    events: StorageChangeEvent,
    private readonly delayMs = 1500,
    private readonly now: () => number = Date.now,
  ) {
    this.settings = readSettings(local);
    watchSettings(events, (s) => (this.settings = Promise.resolve(s)));
    events.addListener((changes, area) => {
      if (area === 'local' && Object.prototype.hasOwnProperty.call(changes, SECRET_KEY)) store.reset();
    });
  }

  /** Called for every recorded change of a tab: a map lookup unless this page is new and settled. */
  onChange(tabId: number, view: PageView | undefined): void {
    if (!view) return this.forget(tabId);
    if (this.done.get(tabId) === view.id || view.committedAt === undefined) return;
    // The tab moved on before the last page's wait ended: that page's facts are as final as they get.
    const before = this.timers.get(tabId);
    const last = this.latest.get(tabId);
    if (before && before.id !== view.id && last?.id === before.id) this.run(last);
    if (view.url.startsWith('https:') && !view.main.security && !view.main.error) {
      this.latest.set(tabId, view);
      const waiting = this.timers.get(tabId);
      if (waiting?.id === view.id) return;
      if (waiting) clearTimeout(waiting.timer);
      const timer = setTimeout(() => {
        this.timers.delete(tabId);
        const v = this.latest.get(tabId);
        if (v) this.run(v);
      }, this.delayMs);
      this.timers.set(tabId, { id: view.id, timer });
      return;
    }
    this.run(view);
  }

  forget(tabId: number): void {
    const waiting = this.timers.get(tabId);
    if (waiting) clearTimeout(waiting.timer);
    this.timers.delete(tabId);
    this.latest.delete(tabId);
    this.done.delete(tabId);
    void this.session?.remove(memoryKey(tabId)).catch(() => undefined);
  }

  /** Resolves when the page's note is written (tests wait on it); never rejects. */
  pending: Promise<void> = Promise.resolve();

  private run(view: PageView): void {
    const tabId = view.tabId;
    if (this.done.get(tabId) === view.id) return;
    this.done.set(tabId, view.id);
    const waiting = this.timers.get(tabId);
    if (waiting) clearTimeout(waiting.timer);
    this.timers.delete(tabId);
    this.latest.delete(tabId);
    // One at a time: a page's entry is read after the previous page's write.
    this.pending = this.pending.then(() => this.record(view)).catch((err) => {
      this.errors++;
      if (this.errors <= 20) console.warn('Onlooker: site memory not updated', err);
    });
  }

  private async record(view: PageView): Promise<void> {
    const key = memoryKey(view.tabId);
    const settings = await this.settings;
    const seen = settings.memory ? observationOf(view, this.now()) : undefined;
    if (!seen) {
      await this.session?.set({ [key]: { viewId: view.id, findings: [], kept: false } satisfies MemoryNote });
      return;
    }
    // A worker restarted mid-page: this page was already remembered, and its note stays as written.
    const prior = (await this.session?.get(key))?.[key] as Partial<MemoryNote> | undefined;
    if (prior?.viewId === view.id) return;
    const note = await this.store.observe(seen.host, hostFacts(seen.host).unicode, seen.obs, settings.memoryDays);
    if (this.done.get(view.tabId) !== view.id) return;
    await this.session?.set({ [key]: { viewId: view.id, ...note } satisfies MemoryNote });
  }
}
