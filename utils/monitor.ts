import { assess } from './assess';
import type { BadgePainter } from './badge-paint';
import type { CaptureEvent } from './capture/events';
import type { PageView } from './page-view';
import { Recorder } from './recorder';
import type { TabStore } from './tab-store';

// The background's heart, free of browser objects: capture events go in; page views are recorded,
// persisted (coalesced) and badged. After a worker restart a tab's view is restored from storage the
// first time one of its events arrives, and the events that arrive meanwhile wait, in order.

export class Monitor {
  readonly recorder: Recorder;
  /** Tabs whose stored view has been looked up since this worker started. */
  private readonly known = new Set<number>();
  private readonly waiting = new Map<number, CaptureEvent[]>();
  errors = 0;
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
    if (!Number.isInteger(tabId) || tabId < 0) return;
    const queue = this.waiting.get(tabId);
    if (queue) {
      if (queue.length < 1000) queue.push(ev);
      return;
    }
    if (this.known.has(tabId) || this.recorder.has(tabId) || ev.kind === 'tab-closed') {
      this.known.add(tabId);
      this.apply(ev);
      return;
    }
    this.waiting.set(tabId, [ev]);
    void this.store
      .load(tabId)
      .then((view) => {
        if (view) this.recorder.restore(view);
      })
      .finally(() => {
        const events = this.waiting.get(tabId) ?? [];
        this.waiting.delete(tabId);
        this.known.add(tabId);
        for (const e of events) this.apply(e);
      });
  }

  /** One event, isolated: a throw here is counted and never stops other tabs or later events. */
  private apply(ev: CaptureEvent): void {
    try {
      const change = this.recorder.apply(ev);
      if (!change) return;
      if (change.closed) {
        this.known.delete(ev.tabId);
        this.store.forget(ev.tabId);
        this.painter.forget(ev.tabId);
        this.onChange?.(ev.tabId, undefined);
        return;
      }
      const view = this.recorder.view(change.tabId);
      if (!view) return;
      this.store.save(view, change.committed);
      this.onChange?.(change.tabId, view);
      if (change.committed || change.verdictMayChange) {
        this.painter.paint(change.tabId, assess(view).verdict, change.committed || !!change.repaint);
      }
    } catch (err) {
      this.errors++;
      if (this.errors <= 20) console.warn('Onlooker: event not recorded', ev.kind, err);
    }
  }
}
