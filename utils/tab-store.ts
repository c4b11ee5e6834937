import type { PageView } from './page-view';
import { RecentSet } from './recent-set';
import { TAB_BUDGET, TOTAL_BUDGET, fitView, jsonBytes, minimalView } from './storage/budget';
import { postureKey, tabKey, tabView, type StorageAreaLike } from './storage/items';

// Per-tab page views in storage.session: memory-only in both browsers (never written to disk, cleared
// when the browser closes), readable by the popup while the service worker sleeps. Writes are
// coalesced: a busy page marks its tab dirty many times and is written once per flush. Each record
// stays within its byte budget (utils/storage/budget.ts) and all of them within a total, so one
// hostile tab cannot fill the quota; a record that cannot be written is removed, never left stale.

export type { StorageAreaLike as SessionArea } from './storage/items';
export { CAPABILITIES_KEY, postureKey, tabKey } from './storage/items';

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

/** Closed tabs remembered so that a late save cannot bring one back (tab ids are not reused). */
const CLOSED_REMEMBERED = 1024;
/** A failed removal is tried again this many times, further apart each time. */
const REMOVE_ATTEMPTS = 5;

interface Entry {
  items: Record<string, unknown>;
  bytes: number;
}

export class TabStore {
  private readonly dirty = new Map<number, PageView>();
  private readonly removed = new Map<number, number>(); // tab id -> attempts so far
  private readonly closed = new RecentSet<number>(CLOSED_REMEMBERED);
  /** Bytes each tab's stored record (view + posture) uses, as last written. */
  private readonly sizes = new Map<number, number>();
  private stored = 0;
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
    private readonly area: StorageAreaLike | undefined,
    private readonly delayMs = 300,
    private readonly timers: Timers = realTimers,
    private readonly derive?: (view: PageView) => unknown,
    /** Bytes per tab record and for all of them (utils/storage/budget.ts); smaller in tests. */
    private readonly budget = { tab: TAB_BUDGET, total: TOTAL_BUDGET },
  ) {
    if (!area) this.degraded = true;
  }

  /** Bytes all stored tab records use together (as this worker wrote them). */
  get storedBytes(): number {
    return this.stored;
  }

  /** The stored view of a tab, validated; an invalid record is removed so that the tab starts afresh. */
  async load(tabId: number): Promise<PageView | undefined> {
    if (!this.area || this.closed.has(tabId)) return undefined;
    const key = tabKey(tabId);
    let got: unknown;
    try {
      got = (await this.area.get(key))[key];
    } catch {
      this.degraded = true;
      return undefined;
    }
    const view = tabView.validate(got, key);
    if (!view && got !== undefined) await this.area.remove([key, postureKey(tabId)]).catch(() => undefined);
    return this.closed.has(tabId) ? undefined : view;
  }

  save(view: PageView, soon = false): void {
    if (this.closed.has(view.tabId)) return; // a late event must not bring a closed tab back
    this.dirty.set(view.tabId, view);
    this.schedule(soon ? 0 : this.delayMs);
  }

  forget(tabId: number): void {
    this.closed.add(tabId);
    this.dirty.delete(tabId);
    this.removed.set(tabId, 0);
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

  private async write(dirty: PageView[], removed: [number, number][]): Promise<void> {
    const area = this.area;
    if (!area || (!dirty.length && !removed.length)) return;
    if (removed.length) await this.removeTabs(area, removed);
    if (!dirty.length) return;
    // Each entry's budget counts the ones before it in this batch: sizes are booked as they are made.
    const before = new Map(dirty.map((v) => [v.tabId, this.sizes.get(v.tabId) ?? 0] as const));
    const entries = new Map<number, Entry>();
    const items: Record<string, unknown> = {};
    const homeless: [number, number][] = [];
    for (const v of dirty) {
      const e = this.entry(v);
      if (!e) {
        // Not even a minimal record fits in what the other tabs leave: no record rather than an old one
        // (the popup then assesses the tab's URL itself).
        homeless.push([v.tabId, 0]);
        continue;
      }
      entries.set(v.tabId, e);
      this.setSize(v.tabId, e.bytes);
      Object.assign(items, e.items);
    }
    if (homeless.length) await this.removeTabs(area, homeless);
    if (!entries.size) return;
    this.writes++;
    try {
      await area.set(items);
      return;
    } catch {
      this.degraded = true;
      for (const [id, bytes] of before) this.setSize(id, bytes);
    }
    // Quota or a closed storage: each tab alone, then as a minimal record, and if even that fails its
    // old record goes, so that the popup never describes a page the tab no longer shows.
    for (const v of dirty) {
      const full = entries.get(v.tabId);
      if (!full) continue;
      const minimal = this.entry(v, minimalView(v));
      let written: number | undefined;
      for (const e of minimal ? [full, minimal] : [full]) {
        try {
          await area.set(e.items);
          written = e.bytes;
          break;
        } catch {
          // next, smaller
        }
      }
      if (written !== undefined) this.setSize(v.tabId, written);
      else await this.removeTabs(area, [[v.tabId, 0]]);
    }
  }

  private async removeTabs(area: StorageAreaLike, tabs: [number, number][]): Promise<void> {
    try {
      await area.remove(tabs.flatMap(([id]) => [tabKey(id), postureKey(id)]));
      for (const [id] of tabs) this.setSize(id, 0);
    } catch {
      this.degraded = true;
      // Retried later (a closed tab's URL must not outlive it), a bounded number of times.
      let retry = false;
      for (const [id, attempts] of tabs) {
        if (attempts + 1 >= REMOVE_ATTEMPTS || this.removed.has(id)) continue;
        this.removed.set(id, attempts + 1);
        retry = true;
      }
      if (retry) this.schedule(this.delayMs * 2 ** Math.min(...tabs.map(([, a]) => a + 1)));
    }
  }

  private setSize(tabId: number, bytes: number): void {
    this.stored += bytes - (this.sizes.get(tabId) ?? 0);
    if (bytes) this.sizes.set(tabId, bytes);
    else this.sizes.delete(tabId);
  }

  /** The items to store for a view, within its budget: its share of what the other tabs leave. */
  private entry(view: PageView, fixed?: PageView): Entry | undefined {
    const posture = this.derive?.(view);
    const postureBytes = posture === undefined ? 0 : jsonBytes(posture) + postureKey(view.tabId).length;
    const others = this.stored - (this.sizes.get(view.tabId) ?? 0);
    const budget = Math.min(this.budget.tab, this.budget.total - others) - postureBytes - tabKey(view.tabId).length;
    const stored = fixed ?? fitView(view, budget);
    const items: Record<string, unknown> = { [tabKey(view.tabId)]: stored };
    if (posture !== undefined) items[postureKey(view.tabId)] = posture;
    const bytes = jsonBytes(stored) + tabKey(view.tabId).length + postureBytes;
    return others + bytes <= this.budget.total ? { items, bytes } : undefined;
  }
}

