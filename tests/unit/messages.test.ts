import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaptureEvent } from '@/utils/capture/events';
import { SCAN_MESSAGE, listenForScans, scanEvent, validScan, type SenderLike } from '@/utils/capture/messages';
import { LIMITS, type DocumentScan } from '@/utils/page-view';
import { Recorder } from '@/utils/recorder';

const SCAN: DocumentScan = {
  insecure: { script: 2, image: 1 },
  samples: [{ kind: 'script', url: 'http://cdn.example/a.js' }],
  insecureForms: 0,
  passwordFieldsOnHttp: 0,
  scannedAt: 5,
};
const CHROME_SENDER: SenderLike = { id: 'ext', url: 'https://shop.example/', frameId: 0, documentId: 'DOC1', tab: { id: 4, url: 'https://shop.example/' } };
const FIREFOX_SENDER: SenderLike = { id: 'ext', url: 'https://shop.example/cart', frameId: 0, tab: { id: 4, url: 'https://shop.example/cart' } };

describe('scan messages', () => {
  it('builds a document-scan event keyed by document (Chrome) or top URL (Firefox)', () => {
    expect(scanEvent({ type: SCAN_MESSAGE, scan: SCAN }, CHROME_SENDER, 'ext', 9)).toEqual({
      kind: 'document-scan',
      tabId: 4,
      time: 9,
      url: 'https://shop.example/',
      scan: SCAN,
      origin: { documentId: 'DOC1' },
    });
    expect(scanEvent({ type: SCAN_MESSAGE, scan: SCAN }, FIREFOX_SENDER, 'ext', 9)).toMatchObject({ origin: { topUrl: 'https://shop.example/cart' } });
  });

  it('refuses messages that are not ours, not from a tab, from a sub-frame or from another extension', () => {
    const msg = { type: SCAN_MESSAGE, scan: SCAN };
    expect(scanEvent({ type: 'other', scan: SCAN }, CHROME_SENDER)).toBeNull();
    expect(scanEvent(msg, { ...CHROME_SENDER, tab: undefined })).toBeNull();
    expect(scanEvent(msg, { ...CHROME_SENDER, tab: { id: -1 } })).toBeNull();
    expect(scanEvent(msg, { ...CHROME_SENDER, frameId: 3 })).toBeNull();
    expect(scanEvent(msg, { ...CHROME_SENDER, id: 'someone-else' }, 'ext')).toBeNull();
    expect(scanEvent(msg, undefined)).toBeNull();
    expect(scanEvent('onlooker/scan', CHROME_SENDER)).toBeNull();
  });

  it('rejects any scan that is off in shape or size', () => {
    const bad: unknown[] = [
      null,
      { ...SCAN, insecure: { script: -1 } },
      { ...SCAN, insecure: { script: 1.5 } },
      { ...SCAN, insecure: { script: 1e12 } },
      { ...SCAN, insecure: { __proto__: 1, evil: 3 } },
      { ...SCAN, insecure: { evil: 3 } },
      { ...SCAN, samples: 'x' },
      { ...SCAN, samples: [{ kind: 'script', url: 5 }] },
      { ...SCAN, samples: [{ kind: 'worm', url: 'x' }] },
      { ...SCAN, samples: Array.from({ length: LIMITS.scanRefs + 1 }, () => ({ kind: 'image', url: 'http://x' })) },
      { ...SCAN, insecureForms: '1' },
      { ...SCAN, scannedAt: Infinity },
      { ...SCAN, truncated: 'yes' },
    ];
    for (const b of bad) expect(validScan(b), JSON.stringify(b)).toBeNull();
  });

  it('rebuilds the scan, dropping extra members and clipping URLs', () => {
    const s = validScan({ ...SCAN, extra: '<img onerror=alert(1)>', samples: [{ kind: 'image', url: 'http://x/' + 'a'.repeat(10_000), extra: 1 }], truncated: true });
    expect(s).not.toHaveProperty('extra');
    expect(s!.samples[0]).toEqual({ kind: 'image', url: expect.any(String) });
    expect(s!.samples[0]!.url.length).toBe(LIMITS.urlChars);
    expect(s!.truncated).toBe(true);
  });

  it('never throws on arbitrary messages and senders', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (msg, sender) => {
        const ev = scanEvent(msg, sender as SenderLike);
        expect(ev === null || ev.kind === 'document-scan').toBe(true);
      }),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.record({ type: fc.constant(SCAN_MESSAGE), scan: fc.anything() }), (msg) => void scanEvent(msg, CHROME_SENDER)), { numRuns: 1000 });
  });

  it('reaches the page view through the background listener', () => {
    const recorder = new Recorder({ newId: () => 'v' });
    let listener!: (msg: unknown, sender: SenderLike) => void;
    const events: CaptureEvent[] = [];
    listenForScans({ id: 'ext', onMessage: { addListener: (cb) => (listener = cb) } }, (e) => {
      events.push(e);
      recorder.apply(e);
    });
    recorder.apply({ kind: 'committed', tabId: 4, time: 1, url: 'https://shop.example/', documentId: 'DOC1' });
    expect(listener({ type: SCAN_MESSAGE, scan: SCAN }, CHROME_SENDER)).toBeUndefined();
    expect(events).toHaveLength(1);
    expect(recorder.view(4)!.scan).toEqual(SCAN);
  });
});
