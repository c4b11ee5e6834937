import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { testCerts, type TestCerts } from './certs';
import { HOSTS } from './hosts';

// A page with a complete, strict set of security response headers, for the header-score checks of
// the end-to-end tests. Its own https server (trusted test leaf, 127.0.0.1, random port), so that the
// scenario servers and their request log stay exactly as the demo and the benchmarks know them.

/**
 * The headers, and what the score must make of them (docs/header-score.md): every test at its best
 * result. No redirect happens on a direct https visit, hence `redirection-not-observed`.
 */
export const STRICT_HEADERS: Record<string, string> = {
  // Not includeSubDomains, and on a host the scenarios only ever use over https: Firefox remembers HSTS
  // for the whole browser session, and it must not turn any http scenario into https.
  'strict-transport-security': 'max-age=63072000',
  'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'set-cookie': '__Host-session=1; Secure; HttpOnly; SameSite=Strict; Path=/',
};

export const STRICT_HEADER_RESULTS: Record<string, string> = {
  'strict-transport-security': 'hsts-implemented-max-age-at-least-six-months',
  'content-security-policy': 'csp-implemented-with-no-unsafe-default-src-none',
  cookies: 'cookies-secure-with-httponly-sessions-and-samesite',
  'referrer-policy': 'referrer-policy-private',
  'x-content-type-options': 'x-content-type-options-nosniff',
  'x-frame-options': 'x-frame-options-implemented-via-csp',
  'cross-origin-resource-policy': 'cross-origin-resource-policy-implemented-with-same-origin',
  redirection: 'redirection-not-observed',
};

/** 100 + 0 + 10 + 5 + 5 + 0 + 5 + 10 + 0, by the table in docs/header-score.md. */
export const STRICT_HEADER_SCORE = { total: 135, grade: 'A+' };

export interface HeaderSite {
  /** `https://<host>:<port>/policies`. */
  url: string;
  host: string;
  /** Paths requested so far. */
  readonly requests: string[];
  close(): Promise<void>;
}

const PAGE = [
  '<!doctype html>',
  '<html lang="en"><head><meta charset="utf-8"><title>Privacy and security policies</title></head>',
  '<body><h1>Policies</h1><p>How the Riverside Gazette handles your data.</p></body></html>',
].join('\n');

/** Starts the server for `HOSTS.news` (an https-only scenario host, covered by the trusted leaf). */
export async function startHeaderSite(certs: TestCerts = testCerts()): Promise<HeaderSite> {
  const requests: string[] = [];
  const server = https.createServer({ cert: certs.leaf.cert, key: certs.leaf.key }, (req, res) => {
    requests.push(req.url ?? '');
    if (req.url !== '/policies') {
      res.writeHead(404, { 'cache-control': 'no-store' }).end('Not found');
      return;
    }
    res.writeHead(200, { 'cache-control': 'no-store', 'content-type': 'text/html; charset=utf-8', ...STRICT_HEADERS }).end(PAGE);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://${HOSTS.news}:${port}/policies`,
    host: HOSTS.news,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
