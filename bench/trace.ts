// A synthetic browsing trace, shaped like what webRequest and webNavigation deliver: many tabs open at
// once, each navigating several times (some through an http -> https redirect), each page loading a
// few hundred subresources from first- and third-party hosts, some failing, some over plain http;
// then every tab closes.

export type RawEvent =
  | { on: 'redirect'; d: Record<string, unknown> }
  | { on: 'headers'; d: Record<string, unknown> }
  | { on: 'response'; d: Record<string, unknown> }
  | { on: 'error'; d: Record<string, unknown> }
  | { on: 'committed'; d: Record<string, unknown> }
  | { on: 'removed'; tabId: number };

export interface TraceOptions {
  tabs: number;
  requestsPerTab: number;
  pagesPerTab: number;
  /** How many tabs load at the same time (their events interleave). */
  concurrent: number;
}

/** Deterministic pseudo-random numbers, so every run replays the same trace. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const SITES = ['news', 'shop', 'mail', 'video', 'blog', 'bank', 'wiki', 'social', 'maps', 'docs'];
const THIRD = Array.from({ length: 60 }, (_, i) => `cdn${i}.thirdparty${i % 17}.example`);
const HEADERS = [
  { name: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' },
  { name: 'Content-Security-Policy', value: "default-src 'self'; img-src * data:; upgrade-insecure-requests" },
  { name: 'Set-Cookie', value: 'session=abcdef0123456789; Path=/; Secure; HttpOnly; SameSite=Lax' },
  { name: 'X-Content-Type-Options', value: 'nosniff' },
  { name: 'Content-Type', value: 'text/html; charset=utf-8' },
];

function* tabTrace(tabId: number, o: TraceOptions, rand: () => number): Generator<RawEvent> {
  let seq = 0;
  const perPage = Math.ceil(o.requestsPerTab / o.pagesPerTab);
  let made = 0;
  for (let page = 0; page < o.pagesPerTab; page++) {
    const site = `${SITES[(tabId + page) % SITES.length]}${tabId % 7}.example.com`;
    const url = `https://www.${site}/article/${page}`;
    const requestId = `${tabId}.${seq++}`;
    const documentId = `doc-${tabId}-${page}`;
    const t = () => Date.now();
    if (rand() < 0.3) {
      yield { on: 'redirect', d: { tabId, frameId: 0, type: 'main_frame', requestId, url: `http://${site}/article/${page}`, redirectUrl: url, statusCode: 301, ip: '192.0.2.1', timeStamp: t() } };
    }
    yield { on: 'headers', d: { tabId, frameId: 0, type: 'main_frame', requestId, url, statusCode: 200, responseHeaders: HEADERS, timeStamp: t() } };
    yield { on: 'response', d: { tabId, frameId: 0, type: 'main_frame', requestId, url, statusCode: 200, ip: '192.0.2.1', timeStamp: t() } };
    yield { on: 'committed', d: { tabId, frameId: 0, url, documentId, transitionQualifiers: [], timeStamp: t() } };
    for (let i = 0; i < perPage && made < o.requestsPerTab; i++, made++) {
      const r = rand();
      const host = r < 0.35 ? `static.${site}` : THIRD[Math.floor(rand() * THIRD.length)]!;
      const scheme = rand() < 0.02 ? 'http' : 'https';
      const reqUrl = `${scheme}://${host}/assets/${i}.${r < 0.5 ? 'png' : 'js'}?v=${tabId}`;
      const base = { tabId, frameId: 0, type: r < 0.5 ? 'image' : 'script', requestId: `${tabId}.${seq++}`, url: reqUrl, documentId, timeStamp: t() };
      if (rand() < 0.03) yield { on: 'error', d: { ...base, error: 'net::ERR_NAME_NOT_RESOLVED' } };
      else yield { on: 'response', d: { ...base, statusCode: 200, ip: `198.51.100.${(host.length * 7) % 250}`, fromCache: rand() < 0.2 } };
    }
  }
  yield { on: 'removed', tabId };
}

/** The whole trace, `concurrent` tabs interleaved at a time. */
export function buildTrace(o: TraceOptions, seed = 42): RawEvent[] {
  const rand = rng(seed);
  const out: RawEvent[] = [];
  for (let first = 0; first < o.tabs; first += o.concurrent) {
    const gens = Array.from({ length: Math.min(o.concurrent, o.tabs - first) }, (_, i) => tabTrace(1000 + first + i, o, rand));
    let live = gens.length;
    while (live) {
      live = 0;
      for (const g of gens) {
        const n = g.next();
        if (!n.done) {
          out.push(n.value);
          live++;
        }
      }
    }
  }
  return out;
}
