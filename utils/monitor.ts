import { assess, type Verdict } from './assess';
import type { BadgePainter } from './badge-paint';
import type { CaptureEvent } from './capture/events';
import type { PageView } from './page-view';
import { RecentSet } from './recent-set';
import { Recorder } from './recorder';
import type { TabStore } from './tab-store';

// The background's heart, free of browser objects: capture events go in; page views are recorded,
// persisted (coalesced) and badged. After a worker restart a tab's view is restored from storage the
// first time one of its events arrives, and the events that arrive meanwhile wait, in order.

/** Events kept per tab while its stored view is read back; more are dropped, and counted. */
export const MAX_WAITING = 1000;
/** Tabs looked up and found empty, remembered so that their events do not read storage each time. */
const MAX_MISSES = 1024;

export class Monitor {
  readonly recorder: Recorder;
  /** Tabs whose stored view has been looked up since this worker started. */
  private readonly known = new Set<number>();
  private readonly misses = new RecentSet<number>(MAX_MISSES);
  private readonly waiting = new Map<number, { events: CaptureEvent[]; dropped: number }>();
  /** The verdict last painted per tab, so that a change that cannot alter it skips the assessment. */
  private readonly painted = new Map<number, Verdict>();
  errors = 0;
  /** Events dropped because too many arrived during a restore (also counted on the tab's view). */
  droppedEvents = 0;
  /** Told of each recorded change (view undefined: the tab closed); per-site memory listens here. */
  onChange?: (tabId: number, view: PageView | undefined) => void;

  constructor(
    private readonly store: TabStore,
    private readonly painter: BadgePainter,
    recorder?: Recorder,
  ) {
    this.recorder = recorder ?? new Recorder();
  }

  handle(ev: CaptureEvent): void {
    const tabId = ev.tabId;
    if (!Number.isInteger(tabId) || tabId < 0 || this.recorder.isClosed(tabId)) return;
    const queue = this.waiting.get(tabId);
    if (queue) {
      if (queue.events.length < MAX_WAITING) queue.events.push(ev);
      else {
        queue.dropped++;
        this.droppedEvents++;
      }
      return;
    }
    if (this.known.has(tabId) || this.misses.has(tabId) || this.recorder.has(tabId) || ev.kind === 'tab-closed') {
      this.apply(ev);
      return;
    }
    const waiting = { events: [ev], dropped: 0 };
    this.waiting.set(tabId, waiting);
    void this.store
      .load(tabId)
      .then((view) => {
        if (view) this.recorder.restore(view);
      })
      .catch(() => undefined)
      .finally(() => {
        this.waiting.delete(tabId);
        for (const e of waiting.events) this.apply(e);
        const view = this.recorder.view(tabId);
        if (waiting.dropped && view) {
          view.droppedEvents = (view.droppedEvents ?? 0) + waiting.dropped;
          this.store.save(view);
        }
      });
  }

  /** One event, isolated: a throw here is counted and never stops other tabs or later events. */
  private apply(ev: CaptureEvent): void {
    try {
      const change = this.recorder.apply(ev);
      // Only tabs with a page are remembered; the others are looked up again (bounded) when they get one.
      if (this.recorder.view(ev.tabId)) this.known.add(ev.tabId);
      else if (!this.recorder.isClosed(ev.tabId)) this.misses.add(ev.tabId);
      if (!change) return;
      if (change.closed) {
        this.known.delete(ev.tabId);
        this.painted.delete(ev.tabId);
        this.store.forget(ev.tabId);
        this.painter.forget(ev.tabId);
        this.onChange?.(ev.tabId, undefined);
        return;
      }
      const view = this.recorder.view(change.tabId);
      if (!view) return;
      this.store.save(view, change.committed);
      this.onChange?.(change.tabId, view);
      if (!change.committed && !change.verdictMayChange) return;
      // More plain-http content leaves an http page unencrypted and a mixed page mixed: a hostile page
      // that reaches hundreds of http hosts costs one assessment, not hundreds (the stored posture is
      // assessed afresh at each write anyway).
      const last = this.painted.get(change.tabId);
      if (change.moreInsecure && !change.repaint && (last === 'mixed' || last === 'not-encrypted')) return;
      const verdict = assess(view).verdict;
      this.painted.set(change.tabId, verdict);
      this.painter.paint(change.tabId, verdict, change.committed || !!change.repaint);
    } catch (err) {
      this.errors++;
      if (this.errors <= 20) console.warn('Onlooker: event not recorded', ev.kind, err);
    }
  }
}
