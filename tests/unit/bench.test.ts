import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { browserCpuMs, cpuDelta, kindOf } from '../../bench/cpu';
import { benchSettings, buildReferenceExtension, buildWithSettings, emptyListenersShim, settingsPrelude, SHIM_ERRORS } from '../../bench/extension-copies';
import { interleavedLoads, loadRatios } from '../../bench/interleave';
import { checkMemoryRows } from '../../bench/page-load';
import { emptyPage, pageScripts } from '../../bench/popup';
import { intOption, listOption, summarize, withRetries } from '../../bench/stats';

// The benchmarks' own logic: the statistics they print, the pages and copies they build, and how they
// read CPU time. The browser runs themselves are not tests (they report; they do not assert).

describe('summarize', () => {
  it('takes the middle value, or the mean of the two middle ones, and a nearest-rank p90', () => {
    expect(summarize([5, 1, 3])).toEqual({ n: 3, median: 3, p90: 5, min: 1, max: 5 });
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
    const ten = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(summarize(ten).p90).toBe(9);
    expect(summarize([...ten, 11]).p90).toBe(10);
  });

  it('ignores values that are not numbers and says NaN when nothing is left', () => {
    expect(summarize([NaN, 2, Infinity]).n).toBe(1);
    expect(summarize([]).median).toBeNaN();
  });
});

describe('options', () => {
  it('reads --name N and --name=N, and refuses what is not a whole number', () => {
    expect(intOption('loads', 15, ['--loads', '30'])).toBe(30);
    expect(intOption('loads', 15, ['--loads=7'])).toBe(7);
    expect(intOption('loads', 15, ['--runs', '3'])).toBe(15);
    expect(() => intOption('loads', 15, ['--loads', 'many'])).toThrow(/whole number/);
    expect(() => intOption('loads', 15, ['--loads=-2'])).toThrow(/whole number/);
  });

  it('reads comma-separated lists', () => {
    expect(listOption('rows', ['--rows', 'reference, onlooker,'])).toEqual(['reference', 'onlooker']);
    expect(listOption('rows', [])).toBeUndefined();
  });
});

describe('the empty page of the popup bench', () => {
  const popup = [
    '<!DOCTYPE html><html><head><title>Onlooker</title>',
    '<script type="module" crossorigin src="/chunks/popup-A.js"></script>',
    '<link rel="modulepreload" crossorigin href="/chunks/text-B.js">',
    '<link rel="stylesheet" crossorigin href="/assets/popup-C.css">',
    '</head><body><div id="app"></div></body></html>',
  ].join('\n');

  it('keeps the shell and the stylesheet, drops every script, and holds a static data-verdict', () => {
    const page = emptyPage(popup);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/modulepreload/);
    expect(page).toContain('href="/assets/popup-C.css"');
    expect(page).toContain('<div id="app"><main data-verdict="none"></main></div>');
  });

  it('still gets a data-verdict when the shell has no #app', () => {
    expect(emptyPage('<html><body><p>x</p></body></html>')).toContain('<main data-verdict="none"></main></body>');
  });
});

describe('pageScripts', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('follows the page, its preloads and every static or dynamic import once, counting gzip -9 sizes and marking what loads on demand', () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-test-'));
    mkdirSync(join(dir, 'chunks'));
    writeFileSync(
      join(dir, 'popup.html'),
      '<script type="module" src="/chunks/a.js"></script><link rel="modulepreload" href="/chunks/b.js"><script src="https://elsewhere.example/x.js"></script>',
    );
    const filler = 'const words = "' + 'report '.repeat(200) + '";';
    writeFileSync(join(dir, 'chunks/a.js'), `import{x}from"./b.js";${filler}const later=()=>import("./c.js");`);
    writeFileSync(join(dir, 'chunks/b.js'), `export const x=1;${filler}`);
    writeFileSync(join(dir, 'chunks/c.js'), `import"./a.js";export{};`);
    writeFileSync(join(dir, 'chunks/unused.js'), filler);
    const chunks = pageScripts(dir);
    expect(chunks.map((c) => c.file).sort()).toEqual(['chunks/a.js', 'chunks/b.js', 'chunks/c.js']);
    const a = chunks.find((c) => c.file === 'chunks/a.js')!;
    expect(a.gzipBytes).toBeGreaterThan(0);
    expect(a.gzipBytes).toBeLessThan(a.bytes / 4);
    // Only what import() reaches is loaded on demand; what the page always loads is not.
    expect(chunks.filter((c) => c.onDemand).map((c) => c.file)).toEqual(['chunks/c.js']);
  });
});

describe('the empty-listeners copy', () => {
  function fakeChrome() {
    const calls: { event: string; cb: unknown; filter: unknown; extra: unknown }[] = [];
    const event = (name: string) => ({ addListener: (cb: unknown, filter?: unknown, extra?: unknown) => void calls.push({ event: name, cb, filter, extra }) });
    // As Chromium 156 does: an event without filters refuses any second argument, even undefined.
    const plainEvent = (name: string) => ({
      addListener(...args: unknown[]) {
        if (args.length > 1) throw new TypeError('This event does not support filters');
        calls.push({ event: name, cb: args[0], filter: undefined, extra: undefined });
      },
    });
    const chrome = {
      webRequest: { onResponseStarted: event('onResponseStarted'), onHeadersReceived: event('onHeadersReceived'), getSecurityInfo: () => undefined },
      tabs: { onRemoved: plainEvent('onRemoved') },
    };
    return { chrome, calls };
  }

  it('registers an empty listener with the same filter and options instead of the real one', () => {
    const { chrome, calls } = fakeChrome();
    runInNewContext(emptyListenersShim({}), { chrome });
    const real = () => 'work';
    chrome.webRequest.onResponseStarted.addListener(real, { urls: ['<all_urls>'] });
    chrome.webRequest.onHeadersReceived.addListener(real, { urls: ['<all_urls>'], types: ['main_frame'] }, ['responseHeaders', 'extraHeaders']);
    chrome.tabs.onRemoved.addListener(real);
    expect(calls.map((c) => c.event)).toEqual(['onResponseStarted', 'onHeadersReceived', 'onRemoved']);
    for (const c of calls) {
      expect(c.cb).not.toBe(real);
      expect((c.cb as () => unknown)()).toBeUndefined();
    }
    expect(calls[1]).toMatchObject({ filter: { types: ['main_frame'] }, extra: ['responseHeaders', 'extraHeaders'] });
  });

  it('passes as many arguments as it was given, and records what addListener threw', () => {
    const { chrome, calls } = fakeChrome();
    const context: Record<string, unknown> = { chrome };
    runInNewContext(emptyListenersShim({}), context);
    chrome.tabs.onRemoved.addListener(() => 1);
    expect(calls.map((c) => c.event)).toEqual(['onRemoved']);
    expect(() => (chrome.tabs.onRemoved.addListener as (...a: unknown[]) => void)(() => 1, { urls: [] })).toThrow(/does not support filters/);
    expect(context[SHIM_ERRORS]).toEqual(['tabs.onRemoved: TypeError: This event does not support filters']);
  });

  it('drops the events and options it is told to', () => {
    const { chrome, calls } = fakeChrome();
    runInNewContext(emptyListenersShim({ dropEvents: ['tabs.onRemoved'], dropOptions: ['extraHeaders'] }), { chrome });
    chrome.webRequest.onHeadersReceived.addListener(() => 1, { urls: ['<all_urls>'] }, ['responseHeaders', 'extraHeaders']);
    chrome.tabs.onRemoved.addListener(() => 1);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.extra).toEqual(['responseHeaders']);
  });
});

describe('browser CPU from /proc', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill();
    child = undefined;
  });

  it('tells the kinds of Chromium process apart by their flags', () => {
    expect(kindOf(['/usr/lib/chromium/chromium', '--user-data-dir=/tmp/p'])).toBe('browser');
    expect(kindOf(['chromium', '--type=renderer', '--extension-process'])).toBe('extension');
    expect(kindOf(['chromium', '--type=renderer'])).toBe('renderer');
    expect(kindOf(['chromium', '--type=gpu-process'])).toBe('gpu');
    expect(kindOf(['chromium', '--type=utility', '--utility-sub-type=network.mojom.NetworkService'])).toBe('network');
    expect(kindOf(['chromium', '--type=utility', '--utility-sub-type=storage.mojom.StorageService'])).toBe('other');
    expect(kindOf(['chromium', '--type=zygote'])).toBe('other');
  });

  it.skipIf(process.platform !== 'linux')('counts the CPU of the processes that carry the marker, by kind', async () => {
    const marker = `bench-marker-${process.pid}-${Date.now()}`;
    expect(browserCpuMs(marker).total).toBe(0);
    // A process that burns some CPU, then waits, with a renderer's flag and the marker in its arguments.
    child = spawn(process.execPath, ['-e', 'let x = 0; for (let i = 0; i < 5e7; i++) x += i; console.log("ready"); setTimeout(() => {}, 60000);', '--', '--type=renderer', marker]);
    await new Promise<void>((resolve) => child!.stdout!.once('data', () => resolve()));
    const cpu = browserCpuMs(marker);
    expect(cpu.renderer).toBeGreaterThan(0);
    expect(cpu.total).toBe(cpu.renderer);
    expect(cpu.browser).toBe(0);
    expect(cpuDelta(cpu, cpu).total).toBe(0);
  });
});

describe('the interleaved row loop', () => {
  it('loads every row once a round, starting one row further on each round, and keeps only the rounds after the warm-up', async () => {
    const rows = [{ key: 'a' }, { key: 'b' }, { key: 'c' }];
    const order: string[] = [];
    const samples = await interleavedLoads(rows, { warmup: 1, loads: 3 }, async (row, loadId) => {
      order.push(loadId);
      return `${row.key}:${loadId}`;
    });
    expect(order).toEqual(['a-0', 'b-0', 'c-0', 'b-1', 'c-1', 'a-1', 'c-2', 'a-2', 'b-2', 'a-3', 'b-3', 'c-3']);
    // Round order within each row, so that the i-th samples of two rows come from the same round.
    expect(samples).toEqual([
      ['a:a-1', 'a:a-2', 'a:a-3'],
      ['b:b-1', 'b:b-2', 'b:b-3'],
      ['c:c-1', 'c:c-2', 'c:c-3'],
    ]);
  });

  it('stops at the first load that fails', async () => {
    let calls = 0;
    const run = interleavedLoads([{ key: 'a' }, { key: 'b' }], { warmup: 0, loads: 5 }, async (row) => {
      calls++;
      if (row.key === 'b') throw new Error('3 of 300 images');
      return 1;
    });
    await expect(run).rejects.toThrow('3 of 300 images');
    expect(calls).toBe(2);
  });
});

describe('loadRatios', () => {
  it('divides medians and p90s by the baseline and the reference, and pairs loads of the same round', () => {
    // Every other round was slow for every row: the paired ratios divide within a round.
    const none = [100, 200, 100, 200];
    const reference = [110, 220, 110, 220];
    const row = [121, 242, 121, 242];
    const r = loadRatios(row, none, reference);
    expect(r.ratio).toBeCloseTo(1.21, 10);
    expect(r.p90Ratio).toBeCloseTo(1.21, 10);
    expect(r.pairedRatio).toBeCloseTo(1.21, 10);
    expect(r.overReference).toBeCloseTo(1.1, 10);
    expect(r.pairedOverReference).toBeCloseTo(1.1, 10);
    const shifted = loadRatios([100, 100, 100, 300], [100, 100, 100, 100], [110, 110, 110, 110]);
    expect(shifted.ratio).toBe(1);
    expect(shifted.pairedRatio).toBe(1);
    expect(shifted.pairedOverReference).toBeCloseTo(100 / 110, 10);
  });

  it('says NaN where a row is missing rather than a made-up ratio', () => {
    const r = loadRatios([100, 100], [100, 100], []);
    expect(r.ratio).toBe(1);
    expect(r.overReference).toBeNaN();
    expect(r.pairedOverReference).toBeNaN();
  });
});

describe('withRetries', () => {
  it('returns the first success and says each failed attempt', async () => {
    const log: string[] = [];
    let n = 0;
    const got = await withRetries('starting X', 3, async (attempt) => {
      n++;
      if (attempt < 3) throw new Error(`slow ${attempt}`);
      return 'up';
    }, (line) => log.push(line));
    expect(got).toBe('up');
    expect(n).toBe(3);
    expect(log).toEqual(['starting X: attempt 1 of 3 failed (slow 1); trying again', 'starting X: attempt 2 of 3 failed (slow 2); trying again']);
  });

  it('gives up after the last attempt with every error, and says when they were all the same', async () => {
    const same = withRetries('starting X', 2, async () => Promise.reject(new Error('no listener')), () => undefined);
    await expect(same).rejects.toThrow(/failed 2 times, with the same error each time[\s\S]*1\. no listener[\s\S]*2\. no listener/);
    let i = 0;
    const different = withRetries('starting X', 2, async () => Promise.reject(new Error(`e${++i}`)), () => undefined);
    await expect(different).rejects.toThrow(/^starting X failed 2 times:\n  1\. e1\n  2\. e2$/);
  });
});

describe('the bench extensions', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function fakeStorage(initial: Record<string, unknown>) {
    const stored = { ...initial };
    const sets: Record<string, unknown>[] = [];
    const local = {
      get: async (key: string) => (key in stored ? { [key]: stored[key] } : {}),
      set: async (items: Record<string, unknown>) => {
        sets.push(items);
        Object.assign(stored, items);
      },
    };
    return { stored, sets, api: { storage: { local } } };
  }
  const settle = () => new Promise((r) => setTimeout(r, 10));

  it('seeds the settings once: written when absent or different, not again when stored in another key order', async () => {
    const wanted = benchSettings({ memory: false });
    expect(wanted).toMatchObject({ memory: false, hostTls: false, badge: 'all', memoryDays: 180 });

    const empty = fakeStorage({});
    runInNewContext(settingsPrelude(wanted), { chrome: empty.api });
    await settle();
    expect(empty.sets).toEqual([{ settings: wanted }]);

    const sorted = Object.fromEntries(Object.entries(wanted).sort());
    const again = fakeStorage({ settings: sorted });
    runInNewContext(settingsPrelude(wanted), { chrome: again.api });
    await settle();
    expect(again.sets).toEqual([]);

    const other = fakeStorage({ settings: benchSettings({}) });
    runInNewContext(settingsPrelude(wanted), { browser: other.api });
    await settle();
    expect(other.stored.settings).toEqual(wanted);
  });

  it('puts the seeding in front of the background script, for a service worker and for background scripts', () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-test-'));
    for (const [name, background] of [
      ['chrome', { service_worker: 'background.js' }],
      ['firefox', { scripts: ['background.js'] }],
    ] as const) {
      const built = join(dir, `${name}-built`);
      mkdirSync(built);
      writeFileSync(join(built, 'manifest.json'), JSON.stringify({ manifest_version: 3, background }));
      writeFileSync(join(built, 'background.js'), 'ORIGINAL();');
      const copy = buildWithSettings(built, join(dir, `${name}-copy`), benchSettings({ hostTls: true }));
      const script = readFileSync(join(copy, 'background.js'), 'utf8');
      expect(script.startsWith(settingsPrelude(benchSettings({ hostTls: true })))).toBe(true);
      expect(script.endsWith('ORIGINAL();')).toBe(true);
      expect(readFileSync(join(built, 'background.js'), 'utf8')).toBe('ORIGINAL();');
    }
    writeFileSync(join(dir, 'chrome-built/manifest.json'), JSON.stringify({ manifest_version: 3 }));
    expect(() => buildWithSettings(join(dir, 'chrome-built'), join(dir, 'none'), benchSettings({}))).toThrow(/no background script/);
  });

  it('builds the reference for each browser: one empty listener, the background each browser runs', () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-test-'));
    const chromium = buildReferenceExtension(join(dir, 'c'), 'chromium');
    const firefox = buildReferenceExtension(join(dir, 'f'), 'firefox');
    const manifest = (d: string) => JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest(chromium).background).toEqual({ service_worker: 'background.js' });
    expect(manifest(chromium).browser_specific_settings).toBeUndefined();
    expect(manifest(firefox).background).toEqual({ scripts: ['background.js'] });
    expect(manifest(firefox)).toHaveProperty('browser_specific_settings.gecko.id');
    for (const [d, api] of [
      [chromium, 'chrome'],
      [firefox, 'browser'],
    ] as const) {
      const added: unknown[][] = [];
      runInNewContext(readFileSync(join(d, 'background.js'), 'utf8'), { [api]: { webRequest: { onResponseStarted: { addListener: (...a: unknown[]) => added.push(a) } } } });
      expect(added).toHaveLength(1);
      expect(added[0]![1]).toEqual({ urls: ['<all_urls>'] });
      expect((added[0]![0] as () => unknown)()).toBeUndefined();
    }
  });
});

describe('checkMemoryRows', () => {
  const on = (n: number | undefined) => ({ key: 'onlooker', label: 'on', rememberedSites: n });
  const off = (n: number | undefined) => ({ key: 'onlooker-memory-off', label: 'off', rememberedSites: n });

  it('passes when memory on remembered the page and memory off nothing', () => {
    expect(() => checkMemoryRows([on(1), off(0)])).not.toThrow();
    expect(() => checkMemoryRows([{ key: 'none', label: 'none', rememberedSites: undefined }])).not.toThrow();
  });

  it('fails the bench when a row did not measure what its label says', () => {
    expect(() => checkMemoryRows([on(0), off(0)])).toThrow(/on: remembered no site/);
    expect(() => checkMemoryRows([on(1), off(2)])).toThrow(/off: remembered 2 sites/);
    expect(() => checkMemoryRows([on(1), off(undefined)])).toThrow(/memory was not off/);
  });
});
