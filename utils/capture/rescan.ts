import type { DocumentScan } from '../page-view';
import { SCAN_SELECTOR, sameScan } from './document-scan';

// Keeps the document scan current on pages that change, at a cost that stays negligible on busy ones:
// a DOM change only marks the scan stale; one scan runs per interval at most (2 s, or 50 times the
// last scan's duration if that is longer, so scanning never takes more than ~2% of the time); the
// result is sent only when it differs from the last one sent.

export const MIN_INTERVAL_MS = 2000;
const COST_FACTOR = 50;

/** Attributes whose change can add or remove an http reference (for MutationObserver's filter). */
export const WATCHED_ATTRIBUTES = ['src', 'srcset', 'href', 'rel', 'action', 'formaction', 'data', 'poster', 'type'];

export interface Clock {
  now(): number;
  setTimeout(cb: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => (typeof performance !== 'undefined' ? performance.now() : Date.now()),
  setTimeout: (cb, ms) => setTimeout(cb, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

const isElement = (n: Node): n is Element => n.nodeType === 1;

function touchesRefs(nodes: NodeList): boolean {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (isElement(n) && (n.matches(SCAN_SELECTOR) || n.querySelector(SCAN_SELECTOR) !== null)) return true;
  }
  return false;
}

/** Whether a batch of DOM changes can change the scan (text changes and unrelated elements cannot). */
export function isRelevant(records: readonly MutationRecord[]): boolean {
  for (const r of records) {
    if (r.type === 'attributes') return true; // the observer watches only WATCHED_ATTRIBUTES
    if (r.type === 'childList' && (touchesRefs(r.addedNodes) || touchesRefs(r.removedNodes))) return true;
  }
  return false;
}

export class Rescanner {
  private last: DocumentScan | undefined;
  private timer: unknown;
  private lastRun = Number.NEGATIVE_INFINITY;
  private interval = MIN_INTERVAL_MS;
  scans = 0;

  constructor(
    private readonly run: () => DocumentScan,
    private readonly send: (scan: DocumentScan) => void,
    private readonly clock: Clock = realClock,
  ) {}

  /** The first scan, always sent: "nothing insecure found" is a fact too. */
  start(): void {
    this.scan(true);
  }

  /** True while a scan is already scheduled: the caller can skip looking at mutations at all. */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  changed(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.lastRun + this.interval - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.scan(false);
    }, wait);
  }

  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private scan(force: boolean): void {
    const t0 = this.clock.now();
    let result: DocumentScan;
    try {
      result = this.run();
    } catch {
      return;
    }
    this.scans++;
    this.lastRun = this.clock.now();
    this.interval = Math.max(MIN_INTERVAL_MS, (this.lastRun - t0) * COST_FACTOR);
    if (!force && sameScan(this.last, result)) return;
    this.last = result;
    this.send(result);
  }
}
