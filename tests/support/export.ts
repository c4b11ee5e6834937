import { assess } from '@/utils/assess';
import type { Capabilities } from '@/utils/capabilities';
import { cookieFacts } from '@/utils/headers/set-cookie';
import { exportInput, exportReport, type ExportFormat, type Redaction } from '@/utils/export';
import type { PageView } from '@/utils/page-view';
import { firefoxTls, FIREFOX, host, LEAF, SERVER_IP, view } from '../fixtures/popup-scenarios';

// Exports of fixture views, as the popup would make them, for the export tests.

export const META = { version: '9.8.7', browser: 'Firefox 140', date: Date.UTC(2026, 11, 1, 21, 5) };

export function exportOf(format: ExportFormat, v: PageView, caps: Capabilities, redaction?: Partial<Redaction>): string {
  const r: Redaction = { cookieNames: false, addresses: true, ...redaction };
  return exportReport(format, exportInput({ view: v, posture: assess(v), caps }, META, r));
}

export const SECRET = 'tok3n-S3CRET';
export const COOKIE_NAMES = ['SESSIONXYZ', 'csrf_magic'];

/**
 * A page whose every URL carries a token (the address, the first hop, a hop, a sample of the scan), with
 * a URL with a token in the certificate's issuer, cookies, a third party over plain http and a first request over http: everything redaction must cut.
 */
export function leakyView(): PageView {
  const url = `https://shop.example.com/account?token=${SECRET}#frag-${SECRET}`;
  return view(url, {
    hops: [
      { url: `http://shop.example.com/account?token=${SECRET}`, status: 301, ip: SERVER_IP },
      { url, status: 200, ip: SERVER_IP },
    ],
    main: {
      status: 200,
      ip: SERVER_IP,
      // Any page-controlled string may hold a URL: a certificate's issuer, here.
      security: firefoxTls({ certificates: [{ ...LEAF, issuerCommonName: `Evil CA https://ca.example/cps?token=${SECRET}` }], chainComplete: false }),
      headers: {},
      cookies: [cookieFacts(`${COOKIE_NAMES[0]}=${SECRET}; Path=/`), cookieFacts(`${COOKIE_NAMES[1]}=1; Path=/`)],
    },
    hosts: {
      'shop.example.com': host('shop.example.com', 'first', [SERVER_IP], { https: 3, http: 1 }),
      'pix.tracker.test': host('pix.tracker.test', 'third', ['198.51.100.7', '2001:db8::7'], { http: 2 }),
    },
    scan: { insecure: { image: 1 }, samples: [{ kind: 'image', url: `http://pix.tracker.test/p.gif?uid=${SECRET}` }], insecureForms: 0, passwordFieldsOnHttp: 0, scannedAt: META.date },
  });
}

export const LEAKY_CAPS = FIREFOX;
export const LEAKY_IPS = [SERVER_IP, '198.51.100.7', '2001:db8::7'];
