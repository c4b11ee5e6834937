import type { PageView } from './page-view';

// Per-tab page views in storage.session: memory-only in both browsers (never written to disk, cleared
// when the browser closes), readable by the popup while the service worker sleeps. Writes are
// coalesced: a busy page marks its tab dirty many times and is written once per flush.

export interface SessionArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export const tabKey = (tabId: number) => `tab:${tabId}`;
/** What the background concluded from a tab's view (its posture), stored beside it in the same write. */
export const postureKey = (tabId: number) => `posture:${tabId}`;
export const CAPABILITIES_KEY = 'capabilities';

/** A page view cut down to what the badge and the headline need, for when the full one will not fit. */
export function slimView(view: PageView): PageView {
  const hosts = Object.fromEntries(Object.entries(view.hosts).slice(0, 16));
  const dropped = Object.values(view.hosts).slice(16).reduce((n, h) => n + h.requests, 0);
  return { ...view, hosts, hostCount: Object.keys(hosts).length, omittedRequests: view.omittedRequests + dropped, documentIds: view.documentIds?.slice(-8) };
}

function isPageView(v: unknown, tabId: number): v is PageView {
  const o = v as PageView | null;
  return !!o && typeof o === 'object' && o.schema === 1 && o.tabId === tabId && typeof o.url === 'string' && typeof o.hosts === 'object' && !!o.hosts;
}

/** Timer functions, injectable so that a benchmark can replay hours of browsing in simulated time. */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class TabStore {
  private readonly dirty = new Map<number, PageView>();
  private readonly removed = new Set<number>();
  private timer: unknown;
  private due = Infinity;
  private writing: Promise<void> = Promise.resolve();
  /** True once storage failed: the extension keeps working from memory. */
  degraded = false;
  writes = 0;

  /**
   * @param derive what to store beside each view under `postureKey` (the background's assessment), so
   * that the popup shows exactly what the badge was made from, without shipping the assessment code.
   */
  constructor(
    private readonly area: SessionArea | undefined,
    private readonly delayMs = 300,
    private readonly timers: Timers = realTimers,
    private readonly derive?: (view: PageView) => unknown,
  ) {
    if (!area) this.degraded = true;
  }

  async load(tabId: number): Promise<PageView | undefined> {
    if (!this.area) return undefined;
    try {
      const key = tabKey(tabId);
      const got = await this.area.get(key);
      const v = got[key];
      return isPageView(v, tabId) ? v : undefined;
    } catch {
      this.degraded = true;
      return undefined;
    }
  }

  save(view: PageView, soon = false): void {
    this.removed.delete(view.tabId);
    this.dirty.set(view.tabId, view);
    this.schedule(soon ? 0 : this.delayMs);
  }

  forget(tabId: number): void {
    this.dirty.delete(tabId);
    this.removed.add(tabId);
    this.schedule(this.delayMs);
  }

  /** One pending flush at a time; a sooner request (a commit) moves it earlier, never later. */
  private schedule(delay: number): void {
    const due = this.timers.now() + delay;
    if (this.timer !== undefined) {
      if (due >= this.due) return;
      this.timers.clearTimeout(this.timer);
    }
    this.due = due;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.due = Infinity;
      void this.flush();
    }, delay);
  }

  /** Write what is dirty now. Concurrent flushes run one after the other, in order. */
  flush(): Promise<void> {
    const dirty = [...this.dirty.values()];
    const removed = [...this.removed];
    this.dirty.clear();
    this.removed.clear();
    this.writing = this.writing.then(() => this.write(dirty, removed));
    return this.writing;
  }

  private async write(dirty: PageView[], removed: number[]): Promise<void> {
    const area = this.area;
    if (!area || (!dirty.length && !removed.length)) return;
    if (removed.length) await area.remove(removed.flatMap((id) => [tabKey(id), postureKey(id)])).catch(() => undefined);
    if (!dirty.length) return;
    const derived = new Map<number, unknown>();
    if (this.derive) for (const v of dirty) derived.set(v.tabId, this.derive(v));
    const entries = (v: PageView, stored: PageView = v): [string, unknown][] =>
      this.derive ? [[tabKey(v.tabId), stored], [postureKey(v.tabId), derived.get(v.tabId)]] : [[tabKey(v.tabId), stored]];
    const items = Object.fromEntries(dirty.flatMap((v) => entries(v)));
    this.writes++;
    try {
      await area.set(items);
    } catch {
      // Quota or a closed storage: try each tab alone, slimmed if need be, and carry on in memory.
      this.degraded = true;
      for (const v of dirty) {
        await area
          .set(Object.fromEntries(entries(v)))
          .catch(() => area.set(Object.fromEntries(entries(v, slimView(v)))))
          .catch(() => undefined);
      }
    }
  }
}
