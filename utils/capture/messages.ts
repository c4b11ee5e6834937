import { LIMITS, clip, type DocumentScan, type RefKind } from '../page-view';
import type { CaptureEvent, RequestOrigin } from './events';
import { guarded } from './guard';
import { isObj, type Obj } from './untrusted';

// Messages from the content script. A content script runs in the web page's process, so a page that
// compromised its renderer could send anything: the shape is checked strictly, every number bounded,
// every string clipped, and the event is rebuilt from scratch rather than passed through.

export const SCAN_MESSAGE = 'onlooker/scan';

type Emit = (ev: CaptureEvent) => void;

const KINDS = new Set<RefKind>(['script', 'stylesheet', 'iframe', 'image', 'media', 'object', 'form', 'other']);
/** More references than any real page has; a larger count is a lie, not a page. */
const MAX_COUNT = 10_000_000;

export interface SenderLike {
  id?: string;
  url?: string;
  frameId?: number;
  documentId?: string;
  tab?: { id?: number; url?: string };
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_COUNT;

/** A DocumentScan rebuilt from untrusted input, or null when anything is off. */
export function validScan(v: unknown): DocumentScan | null {
  if (!isObj(v)) return null;
  const { insecure, samples, insecureForms, passwordFieldsOnHttp, scannedAt, truncated } = v;
  if (!isObj(insecure) || !Array.isArray(samples) || samples.length > LIMITS.scanRefs) return null;
  if (!isCount(insecureForms) || !isCount(passwordFieldsOnHttp)) return null;
  if (typeof scannedAt !== 'number' || !Number.isFinite(scannedAt)) return null;
  if (truncated !== undefined && typeof truncated !== 'boolean') return null;
  const counts: Partial<Record<RefKind, number>> = {};
  for (const [k, n] of Object.entries(insecure)) {
    if (!KINDS.has(k as RefKind) || !isCount(n)) return null;
    if (n > 0) counts[k as RefKind] = n;
  }
  const cleanSamples: DocumentScan['samples'] = [];
  for (const s of samples) {
    if (!isObj(s) || !KINDS.has(s.kind as RefKind) || typeof s.url !== 'string') return null;
    cleanSamples.push({ kind: s.kind as RefKind, url: clip(s.url, LIMITS.urlChars) });
  }
  const scan: DocumentScan = { insecure: counts, samples: cleanSamples, insecureForms, passwordFieldsOnHttp, scannedAt };
  if (truncated) scan.truncated = true;
  return scan;
}

/** The `document-scan` event for a message, or null when it is not one of ours or not from a top frame. */
export function scanEvent(msg: unknown, sender: SenderLike | undefined, ownId?: string, now = Date.now()): CaptureEvent | null {
  if (!isObj(msg) || msg.type !== SCAN_MESSAGE || !sender) return null;
  if (ownId !== undefined && sender.id !== ownId) return null;
  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || !Number.isInteger(tabId) || tabId < 0) return null;
  // The content script runs in the top frame only; anything else did not come from it.
  if (sender.frameId !== undefined && sender.frameId !== 0) return null;
  const scan = validScan(msg.scan);
  if (!scan) return null;
  const url = typeof sender.url === 'string' ? sender.url : sender.tab?.url;
  if (typeof url !== 'string') return null;
  // Chrome names the document; Firefox gives the frame's URL, which for the top frame is the page's.
  const origin: RequestOrigin = typeof sender.documentId === 'string' ? { documentId: sender.documentId } : { topUrl: clip(url, LIMITS.urlChars) };
  return { kind: 'document-scan', tabId, time: now, url: clip(url, LIMITS.urlChars), scan, origin };
}

export interface MessageApi {
  onMessage: { addListener(cb: (msg: unknown, sender: SenderLike) => void): void };
  id?: string;
}

/** Register the background's side. The listener returns nothing: no response is ever sent back. */
export function listenForScans(runtime: MessageApi, emit: Emit): void {
  runtime.onMessage.addListener(
    guarded((msg: unknown, sender: SenderLike) => {
      const ev = scanEvent(msg, sender, runtime.id);
      if (ev) emit(ev);
    }),
  );
}
