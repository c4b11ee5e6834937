import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { assess } from '@/utils/assess';
import { BadgePainter, type ActionApi } from '@/utils/badge-paint';
import { pickHeaders } from '@/utils/capture/response-headers';
import { Monitor, MAX_WAITING } from '@/utils/monitor';
import { LIMITS, isHostName, type PageView } from '@/utils/page-view';
import { MAX_UNCOMMITTED, Recorder } from '@/utils/recorder';
import { TAB_BUDGET, TOTAL_BUDGET, fitView, jsonBytes } from '@/utils/storage/budget';
import { validatePageView } from '@/utils/storage/view';
import { TabStore, postureKey, tabKey } from '@/utils/tab-store';
import { HUGE_HOST_URL, PROTOTYPE_HOSTS, hostilePage, longHost, mainLoad, sub, tick } from '../fixtures/events';
import { QuotaArea } from '../fixtures/storage';
import { runs } from '../support/mutation';

// What a page controls (the names it contacts, its headers, its timing) tried adversarially against
// the recorder, the store and the monitor. Each test fails on the code before issue 8.

const run = (rec: Recorder, evs: ReturnType<typeof hostilePage>) => evs.forEach((e) => rec.apply(e));
const noAction: ActionApi = { setBadgeText() {}, setBadgeBackgroundColor() {}, setBadgeTextColor() {}, setTitle() {} };
const settle = () => new Promise((r) => setTimeout(r, 0));
/** Under mutation testing (hundreds of runs) the heavy tests are smaller, still past every bound. */
const HOSTILE_TABS = process.env.ONLOOKER_MUTATE ? 140 : 500;

function background(area: QuotaArea) {
  const store = new TabStore(area, 0, undefined, assess);
  const monitor = new Monitor(store, new BadgePainter(noAction, (k) => k));
  return { store, monitor };
}

afterEach(() => {
  // No test may leave anything on Object.prototype (a `__proto__` host once did).
  expect(Object.prototype).not.toHaveProperty('lastError');
  expect(Object.prototype).not.toHaveProperty('errors');
});

describe('prototype host names', () => {
  it('records __proto__, constructor and friends as ordinary hosts, and never writes onto Object.prototype', () => {
    const rec = new Recorder();
    run(rec, hostilePage(1));
    const v = rec.view(1)!;
    for (const name of PROTOTYPE_HOSTS) {
      expect(Object.hasOwn(v.hosts, name)).toBe(true);
      expect(v.hosts[name]).toMatchObject({ host: name, errors: 1, requests: 1, schemes: { http: 1 } });
    }
    expect(({} as Record<string, unknown>).lastError).toBeUndefined();
    // The http request to `constructor` is counted, so it counts as insecure content on this https page.
    expect(assess(v).verdict).toBe('mixed');
  });

  it('keeps them through storage: JSON, validation and restore give the same hosts', () => {
    const rec = new Recorder();
    run(rec, hostilePage(1));
    const stored = JSON.parse(JSON.stringify(rec.view(1)));
    const back = validatePageView(stored, 1)!;
    expect(back).toBeDefined();
    expect(Object.getPrototypeOf(back.hosts)).toBeNull();
    expect(back.hosts['__proto__']?.host).toBe('__proto__');
    const again = new Recorder();
    again.restore(back);
    again.apply(sub(1, 'http://__proto__/again', { documentId: 'D1' }));
    expect(again.view(1)!.hosts['__proto__']!.requests).toBe(2);
  });
});

describe('host name bounds', () => {
  it('accepts names the DNS can have and refuses longer ones', () => {
    expect(isHostName(longHost(1))).toBe(true);
    expect(longHost(1)).toHaveLength(253);
    expect(isHostName(`a${longHost(1)}`)).toBe(false); // 254
    expect(isHostName(`${'a'.repeat(64)}.example`)).toBe(false);
    expect(isHostName(`${'a'.repeat(63)}.example`)).toBe(true);
    expect(isHostName('')).toBe(false);
  });

  it('refuses a 2 MB host at capture and counts the request as omitted', () => {
    const rec = new Recorder();
    run(rec, mainLoad(1, 'r', ['https://a.example/'], { documentId: 'D' }));
    const change = rec.apply({ kind: 'subresource-error', tabId: 1, time: tick(), url: HUGE_HOST_URL, error: 'net::ERR_NAME_NOT_RESOLVED', origin: { documentId: 'D' } });
    rec.apply(sub(1, `https://${'b'.repeat(300)}/`, { documentId: 'D' }));
    const v = rec.view(1)!;
    expect(change).toMatchObject({ tabId: 1, verdictMayChange: false });
    expect(Object.keys(v.hosts)).toEqual(['a.example']);
    expect(v.omittedRequests).toBe(2);
    expect(v.requests).toBe(3);
  });

  it('keeps every stored string within a bound, whatever the events (and the validator agrees)', () => {
    const longish = fc.oneof(fc.string({ maxLength: 8 }), fc.constant('x'.repeat(70_000)));
    const ev = fc.oneof(
      fc.record({ kind: fc.constant('subresource'), tabId: fc.constant(1), time: fc.nat(), url: fc.oneof(fc.webUrl(), longish.map((s) => `http://${s}/`)), ip: longish, origin: fc.constant({ documentId: 'D' }) }),
      fc.record({ kind: fc.constant('subresource-error'), tabId: fc.constant(1), time: fc.nat(), url: longish.map((s) => `https://${s}.example/`), error: longish, origin: fc.constant({ documentId: 'D' }) }),
      fc.record({ kind: fc.constant('main-response'), tabId: fc.constant(1), time: fc.nat(), requestId: fc.constant('r'), url: fc.constant('https://a.example/'), ip: longish }),
      fc.record({ kind: fc.constant('committed'), tabId: fc.constant(1), time: fc.nat(), url: fc.oneof(fc.constant('https://a.example/'), longish.map((s) => `https://a.example/${s}`)), documentId: fc.constant('D') }),
    );
    fc.assert(
      fc.property(fc.array(ev, { maxLength: 40 }), (events) => {
        const rec = new Recorder();
        run(rec, mainLoad(1, 'r', ['https://a.example/'], { documentId: 'D' }));
        for (const e of events) rec.apply(e as never);
        const v = rec.view(1)!;
        expect(validatePageView(JSON.parse(JSON.stringify(v)), 1)).toBeDefined();
        for (const h of Object.values(v.hosts)) expect(h.host.length).toBeLessThanOrEqual(LIMITS.hostChars);
      }),
      { numRuns: runs(150) },
    );
  });
});

describe('closed means closed', () => {
  it('drops a late event after the tab closed, before the flush, and never revives the record', async () => {
    const area = new QuotaArea();
    const { store, monitor } = background(area);
    for (const e of mainLoad(3, 'r', ['https://a.example/?secret=1'], { documentId: 'D' })) monitor.handle(e);
    await settle();
    await store.flush();
    expect(area.data.has(tabKey(3))).toBe(true);
    monitor.handle({ kind: 'tab-closed', tabId: 3, time: tick() });
    monitor.handle(sub(3, 'https://late.example/', { documentId: 'D' }));
    monitor.handle(sub(3, 'https://later.example/'));
    await settle();
    await store.flush();
    await settle();
    await store.flush();
    expect([...area.data.keys()]).toEqual([]);
    expect(await store.load(3)).toBeUndefined();
  });

  it('leaves no record for 2,000 closed tabs whose late events arrive after a worker restart', async () => {
    const area = new QuotaArea();
    const first = background(area);
    for (let t = 10; t < 2010; t++) for (const e of mainLoad(t, 'r', ['https://a.example/'], { documentId: `D${t}` })) first.monitor.handle(e);
    await settle();
    await first.store.flush();
    expect(area.data.size).toBe(4000);
    for (let t = 10; t < 2010; t++) first.monitor.handle({ kind: 'tab-closed', tabId: t, time: tick() });
    await first.store.flush();
    const second = background(area);
    for (let t = 10; t < 2010; t++) second.monitor.handle(sub(t, 'https://late.example/', { documentId: `D${t}` }));
    await settle();
    await second.store.flush();
    expect(area.data.size).toBe(0);
    expect(second.monitor.recorder.tabIds().length).toBeLessThanOrEqual(MAX_UNCOMMITTED);
  });

  it('retries a removal that failed', async () => {
    const area = new QuotaArea();
    const store = new TabStore(area, 1);
    const rec = new Recorder();
    run(rec, mainLoad(4, 'r', ['https://a.example/']));
    store.save(rec.view(4)!);
    await store.flush();
    area.failRemove = 2;
    store.forget(4);
    await store.flush();
    expect(area.data.has(tabKey(4))).toBe(true);
    for (let i = 0; i < 20 && area.data.has(tabKey(4)); i++) await new Promise((r) => setTimeout(r, 5));
    expect(area.data.has(tabKey(4))).toBe(false);
  });

  it('keeps a bounded number of tabs that have no committed page', () => {
    const rec = new Recorder();
    for (let t = 0; t < 1000; t++) rec.apply({ kind: 'main-response', tabId: t, time: tick(), requestId: 'r', url: 'https://a.example/', status: 200 });
    expect(rec.tabIds().length).toBe(MAX_UNCOMMITTED);
    // The newest are kept: a navigation in flight still commits.
    rec.apply({ kind: 'committed', tabId: 999, time: tick(), url: 'https://a.example/' });
    expect(rec.view(999)!.observed).toBe('network');
  });
});

describe('restore', () => {
  it('counts the events it drops when 3,000 arrive while a view is read back', async () => {
    const area = new QuotaArea();
    const first = background(area);
    for (const e of mainLoad(5, 'r', ['https://a.example/'], { documentId: 'D' })) first.monitor.handle(e);
    await settle();
    await first.store.flush();
    const second = background(area);
    for (let i = 0; i < 3000; i++) second.monitor.handle(sub(5, `https://a.example/${i}`, { documentId: 'D' }));
    await settle();
    await settle();
    const v = second.monitor.recorder.view(5)!;
    expect(v.requests).toBe(1 + MAX_WAITING);
    expect(v.droppedEvents).toBe(3000 - MAX_WAITING);
    expect(second.monitor.droppedEvents).toBe(3000 - MAX_WAITING);
    await second.store.flush();
    expect(JSON.parse(area.data.get(tabKey(5))!).droppedEvents).toBe(2000);
  });

  it('drops a malformed stored record and rebuilds the tab from its next events', async () => {
    const rec = new Recorder();
    run(rec, mainLoad(6, 'r', ['https://a.example/'], { documentId: 'D' }));
    const good = JSON.parse(JSON.stringify(rec.view(6)));
    const broken: unknown[] = [
      { ...good, main: undefined },
      { ...good, hosts: [] },
      { ...good, hosts: { 'a.example': { ...good.hosts['a.example'], ips: 'x' } } },
      { ...good, hosts: { 'b.example': good.hosts['a.example'] } },
      { ...good, hops: [] },
      { ...good, schema: 2 },
      { ...good, url: 'x'.repeat(5000) },
      { ...good, main: { ...good.main, headers: { 'x-evil': ['1'] } } },
      { ...good, notKept: { hosts: -1 } },
    ];
    for (const b of broken) {
      const area = new QuotaArea();
      area.data.set(tabKey(6), JSON.stringify(b));
      area.data.set(postureKey(6), JSON.stringify({ verdict: 'encrypted' }));
      const { store, monitor } = background(area);
      for (const e of mainLoad(6, 'r2', ['https://b.example/'], { documentId: 'E' })) monitor.handle(e);
      await settle();
      await store.flush();
      expect(monitor.errors).toBe(0);
      expect(monitor.recorder.view(6)!.url).toBe('https://b.example/');
      expect(validatePageView(JSON.parse(area.data.get(tabKey(6))!), 6)?.url).toBe('https://b.example/');
    }
  });

  it('never accepts junk, and never throws on it', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (junk) => {
        expect(validatePageView(junk, 1)).toBeUndefined();
      }),
    );
  });
});

describe('the byte budget', () => {
  it('fits the most a hostile page can make within 64 KB, dropping in the stated order and saying what', () => {
    const rec = new Recorder();
    run(rec, hostilePage(1));
    const full = rec.view(1)!;
    expect(jsonBytes(full)).toBeGreaterThan(TAB_BUDGET);
    const stored = fitView(full);
    expect(jsonBytes(stored)).toBeLessThanOrEqual(TAB_BUDGET);
    expect(stored.notKept).toMatchObject({ samples: 50, headerValues: 2 });
    expect(stored.notKept!.hosts).toBeGreaterThan(0);
    expect(Object.keys(stored.hosts).length + stored.notKept!.hosts!).toBe(Object.keys(full.hosts).length);
    // The hosts that decide the verdict stay: the page's own and those over plain http.
    expect(stored.hosts['hostile.example']).toBeDefined();
    expect(stored.hosts['constructor']).toBeDefined();
    expect(validatePageView(JSON.parse(JSON.stringify(stored)), 1)).toBeDefined();
    // The view in memory is untouched.
    expect(full.scan!.samples).toHaveLength(50);
  });

  it('drops samples first, and only as much as needed', () => {
    const rec = new Recorder();
    run(rec, hostilePage(1));
    const v = rec.view(1)!;
    const small: PageView = { ...v, main: {}, hosts: Object.assign(Object.create(null), { 'hostile.example': v.hosts['hostile.example'] }) };
    const fitted = fitView(small, jsonBytes(small) - 1);
    expect(fitted.notKept).toEqual({ samples: 50 });
    expect(fitted.hosts['hostile.example']).toBeDefined();
  });

  it(`keeps ${HOSTILE_TABS} hostile tabs under the total budget, well within the quota`, async () => {
    const area = new QuotaArea();
    const { store, monitor } = background(area);
    expect(HOSTILE_TABS * TAB_BUDGET).toBeGreaterThan(TOTAL_BUDGET);
    for (let t = 0; t < HOSTILE_TABS; t++) for (const e of hostilePage(t)) monitor.handle(e);
    await settle();
    await store.flush();
    expect(monitor.errors).toBe(0);
    expect(area.bytes).toBeLessThanOrEqual(TOTAL_BUDGET);
    expect(store.storedBytes).toBe(area.bytes);
    let largest = 0;
    for (let t = 0; t < HOSTILE_TABS; t++) {
      const json = area.data.get(tabKey(t));
      if (json) largest = Math.max(largest, json.length + (area.data.get(postureKey(t))?.length ?? 0));
    }
    expect(largest).toBeLessThanOrEqual(TAB_BUDGET);
    expect(store.degraded).toBe(false); // no write ever failed: the quota was never reached
  }, 60_000);
});

describe('never a stale report', () => {
  it('removes the old record when the new one cannot be written at all', async () => {
    const area = new QuotaArea();
    const store = new TabStore(area, 0, undefined, assess);
    const rec = new Recorder();
    run(rec, mainLoad(7, 'r', ['https://a.example/']));
    store.save(rec.view(7)!);
    await store.flush();
    run(rec, mainLoad(7, 'r2', ['http://b.example/']));
    area.failSet = 10;
    store.save(rec.view(7)!);
    await store.flush();
    expect(area.data.has(tabKey(7))).toBe(false);
    expect(area.data.has(postureKey(7))).toBe(false);
  });

  it('stores a minimal record of the right page when only a small one fits', async () => {
    const area = new QuotaArea(9_000);
    const store = new TabStore(area, 0, undefined, assess);
    const rec = new Recorder();
    run(rec, mainLoad(8, 'r', ['https://a.example/']));
    store.save(rec.view(8)!);
    await store.flush();
    run(rec, hostilePage(8));
    area.failSet = 1; // the batch fails; the tab alone is tried next
    store.save(rec.view(8)!);
    await store.flush();
    const stored = JSON.parse(area.data.get(tabKey(8))!) as PageView;
    expect(stored.url).toBe(rec.view(8)!.url);
    expect(stored.notKept?.minimal).toBe(true);
    expect(JSON.parse(area.data.get(postureKey(8))!).url).toBe(rec.view(8)!.url);
  });
});

describe('truncation is visible', () => {
  it('marks a CSP cut at its bound, so that it is not scored as a pass', () => {
    const csp = `default-src 'self'; ${"img-src 'self' https://a.example; ".repeat(600)}script-src 'unsafe-inline'`;
    expect(csp.length).toBeGreaterThan(LIMITS.cspChars);
    const picked = pickHeaders([{ name: 'Content-Security-Policy', value: csp }]);
    expect(picked.truncated).toEqual(['content-security-policy']);
    const rec = new Recorder();
    const evs = mainLoad(1, 'r', ['https://a.example/']);
    Object.assign(evs.find((e) => e.kind === 'main-headers')!, { headers: picked.headers, truncatedHeaders: picked.truncated });
    run(rec, evs);
    const header = assess(rec.view(1)!).findings.find((f) => f.id === 'header' && f.test === 'content-security-policy');
    expect(header).toMatchObject({ result: 'csp-incomplete', points: 0 });
  });

  it('keeps real sites\' policies of several kilobytes whole', () => {
    const csp = `default-src 'self'; ${"script-src 'self' https://cdn.example; ".repeat(200)}`.slice(0, 9000);
    const picked = pickHeaders([{ name: 'content-security-policy', value: csp }]);
    expect(picked.truncated).toEqual([]);
    expect(picked.headers['content-security-policy']![0]).toBe(csp);
  });

  it('does not pass the cookies it could not judge', () => {
    const lines = Array.from({ length: 33 }, (_, i) => `c${i}=1; Secure; HttpOnly; SameSite=Lax`).join('\n');
    const picked = pickHeaders([{ name: 'set-cookie', value: lines }]);
    expect(picked.cookiesOmitted).toBe(1);
    const rec = new Recorder();
    const evs = mainLoad(1, 'r', ['https://a.example/']);
    Object.assign(evs.find((e) => e.kind === 'main-headers')!, { cookies: picked.cookies, cookiesOmitted: picked.cookiesOmitted });
    run(rec, evs);
    const header = assess(rec.view(1)!).findings.find((f) => f.id === 'header' && f.test === 'cookies');
    expect(header).toMatchObject({ result: 'cookies-incomplete', points: 0 });
  });
});

describe('the badge under a flood of http hosts', () => {
  it('paints once a page is mixed, not once per http host, and still turns an https page mixed', async () => {
    const paints: [number, string][] = [];
    const painter = { paint: (tabId: number, verdict: string) => paints.push([tabId, verdict]), forget() {} } as unknown as BadgePainter;
    const area = new QuotaArea();
    const monitor = new Monitor(new TabStore(area, 0, undefined, assess), painter);
    monitor.handle({ kind: 'tab-url', tabId: 9, time: tick(), url: 'about:blank' }); // the tab is known from now on
    await settle();
    for (const e of mainLoad(9, 'r', ['https://a.example/'], { documentId: 'D' })) monitor.handle(e);
    paints.length = 0;
    monitor.handle(sub(9, 'https://cdn.example/x.js', { documentId: 'D' }));
    expect(paints).toEqual([]);
    for (let i = 0; i < 300; i++) monitor.handle(sub(9, `http://h${i}.example/x.png`, { documentId: 'D' }));
    expect(paints).toEqual([[9, 'mixed']]);
    expect(monitor.recorder.view(9)!.hostCount).toBe(LIMITS.hosts);
  });
});
