import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { browserCpuMs, cpuDelta, kindOf } from '../../bench/cpu';
import { emptyListenersShim } from '../../bench/extension-copies';
import { emptyPage, pageScripts } from '../../bench/popup';
import { intOption, listOption, summarize } from '../../bench/stats';

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
    const chrome = {
      webRequest: { onResponseStarted: event('onResponseStarted'), onHeadersReceived: event('onHeadersReceived'), getSecurityInfo: () => undefined },
      tabs: { onRemoved: event('onRemoved') },
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
