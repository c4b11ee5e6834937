import { describe, expect, it } from 'vitest';
import { assess } from '@/utils/assess';
import { BadgePainter, type ActionApi } from '@/utils/badge-paint';
import type { CaptureEvent } from '@/utils/capture/events';
import { Monitor } from '@/utils/monitor';
import { isCertificateError } from '@/utils/net-errors';
import { Recorder } from '@/utils/recorder';
import { TabStore } from '@/utils/tab-store';
import { mainLoad, tick } from '../fixtures/events';

// What Firefox ESR 153 sends around a certificate error page and a new tab's first navigation, as seen
// by the end-to-end tests (tests/e2e/firefox.e2e.ts), replayed on the pure parts.

const URL_BAD = 'https://shop.unknown-ca.example:8443/';

/** webRequest.onErrorOccurred (a translated sentence), webNavigation.onErrorOccurred (an nsresult), then the error page's commit. */
function firefoxCertificateErrorPage(tabId: number): CaptureEvent[] {
  return [
    { kind: 'main-error', tabId, time: tick(), requestId: 'w1', url: URL_BAD, error: 'Peer\u2019s Certificate issuer is not recognized.' },
    { kind: 'navigation-failed', tabId, time: tick(), url: URL_BAD, error: 'Error code 2153390067' },
    { kind: 'committed', tabId, time: tick(), url: URL_BAD, fromHistory: false, prerender: false },
  ];
}

describe('Firefox certificate errors', () => {
  it('recognises the nsresult codes of the security module (0x805Axxxx) and nothing else', () => {
    expect(isCertificateError('Error code 2153390067')).toBe(true); // SEC_ERROR_UNKNOWN_ISSUER
    expect(isCertificateError(`Error code ${0x805a2ff0}`)).toBe(true);
    expect(isCertificateError(`Error code ${0x804b000d}`)).toBe(false); // NS_ERROR_CONNECTION_REFUSED
    expect(isCertificateError(`Error code ${0x804b001e}`)).toBe(false); // NS_ERROR_UNKNOWN_HOST
    expect(isCertificateError('Error code 2153390067 and more')).toBe(false);
    expect(isCertificateError('Error code ' + '9'.repeat(400))).toBe(false);
    expect(isCertificateError('net::ERR_CERT_AUTHORITY_INVALID')).toBe(true);
  });

  it('keeps the error page as the failed navigation\'s view: cert-error, not a fresh "encrypted" page', () => {
    const rec = new Recorder();
    for (const ev of mainLoad(1, 'r0', ['https://good.example/'])) rec.apply(ev);
    const changes = firefoxCertificateErrorPage(1).map((ev) => rec.apply(ev));
    const view = rec.view(1)!;
    expect(view).toMatchObject({ url: URL_BAD, observed: 'network', main: { error: 'Error code 2153390067' } });
    expect(assess(view).verdict).toBe('cert-error');
    expect(assess(view).findings).toContainEqual({ id: 'certificate-rejected', error: 'Error code 2153390067' });
    // The error page's commit repaints the badge (Firefox reset it when the tab's location changed).
    expect(changes.at(-1)).toMatchObject({ committed: true });
  });

  it('a later load of the same address after the error page is a new page view', () => {
    const rec = new Recorder();
    for (const ev of firefoxCertificateErrorPage(2)) rec.apply(ev);
    const failed = rec.view(2)!;
    for (const ev of mainLoad(2, 'r2', [URL_BAD])) rec.apply(ev);
    expect(rec.view(2)).not.toBe(failed);
    expect(rec.view(2)!.main.error).toBeUndefined();
    expect(rec.view(2)!.main.status).toBe(200);
  });

  it('keeps the first error when the navigation error is not a certificate error either', () => {
    const rec = new Recorder();
    rec.apply({ kind: 'main-error', tabId: 3, time: tick(), requestId: 'w3', url: URL_BAD, error: 'NS_ERROR_CONNECTION_REFUSED' });
    rec.apply({ kind: 'navigation-failed', tabId: 3, time: tick(), url: URL_BAD, error: `Error code ${0x804b000d}` });
    expect(rec.view(3)!.main.error).toBe('NS_ERROR_CONNECTION_REFUSED');
  });
});

describe('Firefox resets a tab\'s badge when its location changes', () => {
  function monitor() {
    const calls: { tabId: number; text: string }[] = [];
    const action: ActionApi = {
      setBadgeText: (d) => void calls.push(d),
      setBadgeBackgroundColor: () => undefined,
      setTitle: () => undefined,
    };
    const m = new Monitor(new TabStore(undefined), new BadgePainter(action, (k) => k));
    return { m, texts: () => calls.map((c) => c.text) };
  }

  it('paints the badge again when the tab reports the URL it committed', async () => {
    const { m, texts } = monitor();
    for (const ev of mainLoad(4, 'r4', ['http://plain.example/'])) m.handle(ev);
    // A tab the monitor has not seen yet waits for its stored view first.
    await new Promise((r) => setTimeout(r, 0));
    expect(texts()).toEqual(['badge_notEncrypted']);
    m.handle({ kind: 'tab-url', tabId: 4, time: tick(), url: 'http://plain.example/' });
    expect(texts()).toEqual(['badge_notEncrypted', 'badge_notEncrypted']);
    expect(m.recorder.view(4)!.url).toBe('http://plain.example/');
  });
});

describe('Firefox error codes', () => {
  it('names the NSS errors Firefox shows on its warning page, and keeps recognising unnamed ones', async () => {
    const { readableNetError } = await import('@/utils/net-errors');
    expect(readableNetError('Error code 2153390067')).toBe('SEC_ERROR_UNKNOWN_ISSUER');
    expect(readableNetError('Error code 2153394164')).toBe('SSL_ERROR_BAD_CERT_DOMAIN');
    expect(readableNetError('Error code 2152398861')).toBe('Error code 2152398861'); // NS_ERROR_CONNECTION_REFUSED: not NSS
    expect(readableNetError('Error code 2153389066')).toBe('Error code 2153389066');
    expect(isCertificateError('Error code 2153389066')).toBe(true);
    expect(isCertificateError('Error code 2152398861')).toBe(false);
    expect(isCertificateError(readableNetError('Error code 2153390067'))).toBe(true);
  });
});
