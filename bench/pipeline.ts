import { performance } from 'node:perf_hooks';
import { assess } from '../utils/assess';
import { BadgePainter, type ActionApi } from '../utils/badge-paint';
import type { CaptureEvent } from '../utils/capture/events';
import { onCommitted } from '../utils/capture/navigation';
import { onBeforeRedirect, onErrorOccurred, onHeadersReceived, onResponseStarted } from '../utils/capture/web-request';
import { Monitor } from '../utils/monitor';
import { TabStore, type SessionArea, type Timers } from '../utils/tab-store';
import { buildTrace, type RawEvent } from './trace';

// The background's own cost per browser event, in Node: the same mapping, recording, assessing,
// badge and coalesced storage code the extension runs, against an in-memory storage.session that
// serialises like the browser does. Printed next to a baseline (a handler that only counts events)
// measured in the same run, so the ratio compares across machines.

const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1e6;
};

/** storage.session stand-in: values are serialised on write, as the browser does. */
class MemorySession implements SessionArea {
  readonly data = new Map<string, string>();
  bytesWritten = 0;
  async get(keys?: string | string[] | null) {
    const list = keys == null ? [...this.data.keys()] : Array.isArray(keys) ? keys : [keys];
    return Object.fromEntries(list.filter((k) => this.data.has(k)).map((k) => [k, JSON.parse(this.data.get(k)!)]));
  }
  async set(items: Record<string, unknown>) {
    for (const [k, v] of Object.entries(items)) {
      const s = JSON.stringify(v);
      this.bytesWritten += s.length;
      this.data.set(k, s);
    }
  }
  async remove(keys: string | string[]) {
    for (const k of Array.isArray(keys) ? keys : [keys]) this.data.delete(k);
  }
}

const noAction: ActionApi = { setBadgeText() {}, setBadgeBackgroundColor() {}, setBadgeTextColor() {}, setTitle() {} };

function toCapture(raw: RawEvent): CaptureEvent | null {
  switch (raw.on) {
    case 'redirect':
      return onBeforeRedirect(raw.d as never);
    case 'headers':
      return onHeadersReceived(raw.d as never);
    case 'response':
      return onResponseStarted(raw.d as never);
    case 'error':
      return onErrorOccurred(raw.d as never);
    case 'committed':
      return onCommitted(raw.d as never, false);
    case 'removed':
      return { kind: 'tab-closed', tabId: raw.tabId, time: 0 };
  }
}

export interface PipelineRow {
  name: string;
  events: number;
  eventsPerSec: number;
  medianUsPerEvent: number;
  heapBeforeMb: number;
  heapAfterMb: number;
  heapPeakMb: number;
}

/**
 * Simulated time for the store's coalescing timer: the replay runs far faster than a browser delivers
 * events, so without it the 300 ms coalescing window would hide nearly every write.
 */
class SimTimers implements Timers {
  private t = 0;
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private seq = 0;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.seq;
    this.queue.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.queue = this.queue.filter((q) => q.id !== id);
  };
  advance(ms: number): void {
    this.t += ms;
    const due = this.queue.filter((q) => q.at <= this.t);
    this.queue = this.queue.filter((q) => q.at > this.t);
    for (const q of due) q.fn();
  }
}

/** Events per second the trace is replayed at, in simulated time: 20 busy tabs loading at once. */
const EVENTS_PER_SIM_SECOND = 3000;
const SLICE = 60;

/**
 * Replays serialised events in slices. Each event is handed to the handler as a fresh object parsed
 * from its message, as the browser's IPC delivers it, for the baseline as for the pipeline.
 */
async function replay(name: string, messages: string[], handle: (raw: RawEvent) => void, timers: SimTimers | null, heapBefore: number): Promise<PipelineRow> {
  const perSlice: number[] = [];
  let peak = 0;
  let total = 0;
  for (let i = 0; i < messages.length; i += SLICE) {
    const end = Math.min(messages.length, i + SLICE);
    const t0 = performance.now();
    for (let j = i; j < end; j++) handle(JSON.parse(messages[j]!) as RawEvent);
    timers?.advance((SLICE * 1000) / EVENTS_PER_SIM_SECOND);
    await Promise.resolve(); // let the storage writes that the timers started complete
    const dt = performance.now() - t0;
    total += dt;
    perSlice.push((dt * 1000) / (end - i));
    if ((i / SLICE) % 100 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed / 1e6);
  }
  perSlice.sort((a, b) => a - b);
  return {
    name,
    events: messages.length,
    eventsPerSec: Math.round(messages.length / (total / 1000)),
    medianUsPerEvent: perSlice[Math.floor(perSlice.length / 2)]!,
    heapBeforeMb: heapBefore,
    heapAfterMb: 0,
    heapPeakMb: peak,
  };
}

function pipeline(timers: SimTimers) {
  const session = new MemorySession();
  const store = new TabStore(session, 300, timers, assess);
  const monitor = new Monitor(store, new BadgePainter(noAction, (k) => k));
  const handle = (raw: RawEvent) => {
    const ev = toCapture(raw);
    if (ev) monitor.handle(ev);
  };
  return { session, store, monitor, handle };
}

export async function benchPipeline(opts = { tabs: 200, requestsPerTab: 300, pagesPerTab: 3, concurrent: 20 }): Promise<PipelineRow[]> {
  const messages = buildTrace(opts).map((e) => JSON.stringify(e));

  // Warm the JIT on a different trace, so that the measured runs are steady state.
  {
    const warm = buildTrace({ ...opts, tabs: 40 }, 7).map((e) => JSON.stringify(e));
    let n = 0;
    await replay('warm', warm, () => void n++, null, 0);
    const timers = new SimTimers();
    await replay('warm', warm, pipeline(timers).handle, timers, 0);
    timers.advance(1000);
  }

  let count = 0;
  const baseline = await replay('baseline: count only', messages, () => void count++, null, heapMb());
  baseline.heapAfterMb = heapMb();

  const timers = new SimTimers();
  const p = pipeline(timers);
  const row = await replay('onlooker: record + assess + badge + store', messages, p.handle, timers, heapMb());
  timers.advance(1000);
  await p.store.flush();
  row.heapAfterMb = heapMb();
  if (messages.length !== count) throw new Error('baseline did not see every event');
  if (p.session.data.size !== 0 || p.monitor.recorder.tabIds().length !== 0) throw new Error('tabs were not forgotten after closing');
  if (p.monitor.errors) throw new Error(`${p.monitor.errors} events failed`);
  writes = { count: p.store.writes, bytes: p.session.bytesWritten };
  return [baseline, row];
}

let writes = { count: 0, bytes: 0 };

export function printPipeline(rows: PipelineRow[]): void {
  const [base, ours] = rows;
  console.log('\nBackground pipeline in Node (200 tabs x 300 requests, 3 navigations per tab, redirects, closes)');
  console.table(
    rows.map((r) => ({
      handler: r.name,
      events: r.events,
      'events/s': r.eventsPerSec.toLocaleString('en'),
      'median µs/event': r.medianUsPerEvent.toFixed(3),
      'heap before MB': r.heapBeforeMb.toFixed(2),
      'heap peak MB': r.heapPeakMb.toFixed(2),
      'heap after MB': r.heapAfterMb.toFixed(2),
    })),
  );
  console.log(`storage.session writes: ${writes.count} (coalesced per 300 ms, replayed at ${EVENTS_PER_SIM_SECOND} events per simulated second), ${(writes.bytes / 1e6).toFixed(1)} MB serialised`);
  const ratio = base!.eventsPerSec / ours!.eventsPerSec;
  const heapDelta = (ours!.heapAfterMb - ours!.heapBeforeMb) / ours!.heapBeforeMb;
  console.log(`pipeline cost: ${ratio.toFixed(1)}x the counting baseline (aim <= 20x); heap after closing all tabs: ${(heapDelta * 100).toFixed(1)}% vs start (aim within 10%)`);
  if (!gc) console.log('(run with node --expose-gc for exact heap figures)');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchPipeline();
  printPipeline(rows);
}
