import { performance } from 'node:perf_hooks';
import { assess } from '../utils/assess';
import { classify, observationOf, remember } from '../utils/memory/classify';
import { MemoryObserver } from '../utils/memory/observer';
import { MemoryStore, type LocalArea } from '../utils/memory/store';
import type { PageView } from '../utils/page-view';
import { summarize } from './stats';

// Per-site memory's cost, in Node (`npx tsx bench/memory.ts`): the bytes one remembered site takes in
// storage.local, the time to classify a visit, the per-page observe() (two HMACs, one read, one write,
// serialised as the browser does), and the per-event cost of the hook on the background's path, each
// next to a baseline from the same run (a no-op hook; assess() of the same page).

/** storage.local stand-in: values serialised on write and parsed on read, as the browser does. */
class SerialisingArea implements LocalArea {
  readonly data = new Map<string, string>();
  async get(keys: string | string[] | null) {
    const list = keys == null ? [...this.data.keys()] : Array.isArray(keys) ? keys : [keys];
    return Object.fromEntries(list.filter((k) => this.data.has(k)).map((k) => [k, JSON.parse(this.data.get(k)!)]));
  }
  async set(items: Record<string, unknown>) {
    for (const [k, v] of Object.entries(items)) this.data.set(k, JSON.stringify(v));
  }
  async remove(keys: string | string[]) {
    for (const k of Array.isArray(keys) ? keys : [keys]) this.data.delete(k);
  }
}

const hex = (c: string) => c.repeat(64);
const DAY = 86_400_000;
function page(host: string, spki: string, now: number): PageView {
  return {
    schema: 1, tabId: 1, id: `${host}-${spki}`, url: `https://${host}/some/path?q=1`, observed: 'network', startedAt: now, committedAt: now,
    hops: [{ url: `https://${host}/some/path?q=1`, status: 200 }], hosts: {}, omittedRequests: 0, requests: 1,
    main: {
      status: 200,
      headers: { 'strict-transport-security': ['max-age=31536000; includeSubDomains'] },
      security: {
        source: 'firefox', state: 'secure', chainComplete: true, protocol: 'TLSv1.3',
        certificates: [
          { subject: `CN=${host}`, issuer: 'CN=R11,O=Let\'s Encrypt,C=US', sha256: hex(spki), spkiSha256: hex(spki), notAfter: now + 60 * DAY },
          { subject: 'CN=R11,O=Let\'s Encrypt,C=US', issuer: 'CN=ISRG Root X1,O=Internet Security Research Group,C=US', sha256: hex('b') },
          { subject: 'CN=ISRG Root X1,O=Internet Security Research Group,C=US', sha256: hex('c'), isBuiltInRoot: true },
        ],
      },
    },
  };
}

function time(n: number, fn: () => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    out.push((performance.now() - t0) * 1000);
  }
  return out;
}

async function timeAsync(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push((performance.now() - t0) * 1000);
  }
  return out;
}

const row = (name: string, us: number[], per = 'µs') => {
  const s = summarize(us);
  console.log(`| ${name} | ${s.median.toFixed(2)} ${per} | ${s.p90.toFixed(2)} ${per} |`);
};

async function main() {
  const now = Date.UTC(2026, 11, 1);
  const area = new SerialisingArea();
  const store = new MemoryStore(area);

  // Bytes: one site seen once (1 certificate) and a CDN host with the full set of 4.
  await store.observe('bank.example.com', 'bank.example.com', observationOf(page('bank.example.com', '1', now), now)!.obs, 180);
  for (const k of ['1', '2', '3', '4', '5']) await store.observe('cdn.example.net', 'cdn.example.net', observationOf(page('cdn.example.net', k, now), now)!.obs, 180);
  const entryBytes = [...area.data].filter(([k]) => k.startsWith('mem:')).map(([k, v]) => k.length + v.length);
  const skBytes = [...area.data].filter(([k]) => k.startsWith('msk:')).map(([k, v]) => k.length + v.length);
  console.log(`\nbytes per remembered site (key + JSON): ${Math.min(...entryBytes)} (one certificate), ${Math.max(...entryBytes)} (4 certificates); look-alike index item: ${skBytes[0]}; secret item: ${'memorySecret'.length + (area.data.get('memorySecret')?.length ?? 0)}\n`);

  const v = page('shop.example.org', '1', now);
  const seen = observationOf(v, now)!;
  const entry = remember(remember(undefined, observationOf(page('shop.example.org', '2', now - 3 * DAY), now - 3 * DAY)!.obs), observationOf(page('shop.example.org', '3', now - 2 * DAY), now - 2 * DAY)!.obs);
  const N = 20_000;
  console.log('| row | median | p90 |\n|---|---|---|');
  row('baseline: assess(view) of the same page (what the background does per verdict change)', time(N, () => void assess(v)));
  row('observationOf(view) (once per page)', time(N, () => void observationOf(v, now)));
  row('classify(entry, observation) (once per page)', time(N, () => void classify(entry, seen.obs)));

  // The hook on the event path: once a page was observed, each further change is a map lookup.
  const session = new SerialisingArea();
  const events = { addListener() {}, removeListener() {} };
  const observer = new MemoryObserver(store, session, area, events, 1500, () => now);
  observer.onChange(1, v);
  await observer.pending;
  const noop = (_t: number, _v: PageView | undefined) => {};
  row('baseline: a no-op hook per recorded event', time(N, () => noop(1, v)), 'µs');
  row('MemoryObserver.onChange per recorded event (page already observed)', time(N, () => observer.onChange(1, v)), 'µs');

  // observe(): per page, off the event path (async, after the facts are final); 1000 hosts remembered.
  for (let i = 0; i < 1000; i++) await store.observe(`site${i}.example`, `site${i}.example`, { ...seen.obs, day: seen.obs.day - (i % 100) }, 180);
  const obsUs = await timeAsync(2000, (i) => store.observe(`site${i % 1000}.example`, `site${i % 1000}.example`, seen.obs, 180));
  row('MemoryStore.observe() per page (2 HMACs, read, classify, write; 1000 sites remembered; sweeps included)', obsUs);
}

void main();
