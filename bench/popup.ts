import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { removeTestCerts } from '../tests/harness/certs';
import { CHROME_EXTENSION_DIR, ChromiumSession } from '../tests/harness/chromium';
import { scenario, type ScenarioName } from '../tests/harness/scenarios';
import { startScenarioServers } from '../tests/harness/servers';
import { fixed, intOption, isMain, summarize, type Summary } from './stats';

// The popup's size and speed: the gzip size of the JavaScript popup.html loads, and the time from
// navigation start to the rendered report, for a tab that shows a scenario page, in real headless
// Chromium. Next to it, in the same run and interleaved, an "empty" extension page with the popup's
// HTML shell and stylesheet but no script, whose static <main data-verdict> is what the observer
// waits for: the floor that any extension page pays.

export const POPUP_AIMS = { gzipKb: 25, reportMs: 50 } as const;

export interface JsChunk {
  /** Path inside the extension, e.g. `chunks/popup-XXXX.js`. */
  file: string;
  bytes: number;
  /** gzip -9. */
  gzipBytes: number;
  /** Reached only through `import()`: loaded when needed, not on every opening. */
  onDemand?: boolean;
}

/** `<script src>` and `<link rel="modulepreload" href>` of an HTML page, as written. */
function scriptRefs(html: string): string[] {
  const refs: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["'][^>]*>/gi)) refs.push(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    if (!/\brel\s*=\s*["']?modulepreload\b/i.test(m[0])) continue;
    const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(m[0]);
    if (href) refs.push(href[1]!);
  }
  return refs;
}

/** Imports of a bundled ES module: static (`from"./x.js"`, `import"./x.js"`) and dynamic (`import("./x.js")`). */
function moduleImports(code: string): { ref: string; dynamic: boolean }[] {
  const out: { ref: string; dynamic: boolean }[] = [];
  for (const m of code.matchAll(/(\bfrom|\bimport)\s*(\()?\s*["']([^"']+\.m?js)["']/g)) out.push({ ref: m[3]!, dynamic: !!m[2] });
  return out;
}

/** Extension-relative path of `ref` as seen from the file at `from` (also extension-relative). */
function resolveRef(from: string, ref: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) return undefined; // another origin: not ours to count
  return ref.startsWith('/') ? ref.slice(1) : posix.normalize(posix.join(posix.dirname(from), ref));
}

/** Every JS file `page` loads, following imports, each with its size and gzip -9 size. */
export function pageScripts(extensionDir: string, page = 'popup.html'): JsChunk[] {
  const seen = new Set<string>();
  const queue = scriptRefs(readFileSync(join(extensionDir, page), 'utf8'))
    .map((r) => resolveRef(page, r))
    .filter((f): f is string => !!f);
  const chunks: JsChunk[] = [];
  // Breadth-first over static imports first, so a chunk reached both ways counts as always loaded.
  const later: string[] = [];
  const walk = (list: string[], onDemand: boolean) => {
    while (list.length) {
      const file = list.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const buf = readFileSync(join(extensionDir, file));
      chunks.push({ file, bytes: buf.length, gzipBytes: gzipSync(buf, { level: 9 }).length, ...(onDemand ? { onDemand } : {}) });
      for (const { ref, dynamic } of moduleImports(buf.toString('utf8'))) {
        const next = resolveRef(file, ref);
        if (next && !seen.has(next)) (dynamic || onDemand ? later : list).push(next);
      }
    }
  };
  walk(queue, false);
  walk(later, true);
  return chunks;
}

/** The popup's HTML shell without any script, with a static `<main data-verdict>` for the observer. */
export function emptyPage(popupHtml: string): string {
  const stripped = popupHtml
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/<link\b[^>]*\bmodulepreload\b[^>]*>/gi, '');
  const main = '<main data-verdict="none"></main>';
  const withApp = stripped.replace(/<div id="app"><\/div>/, `<div id="app">${main}</div>`);
  return withApp === stripped ? stripped.replace(/<\/body>/i, `${main}</body>`) : withApp;
}

// Runs in every extension page before its own scripts (a string: tsx would add helpers to a function).
// Records when an element with data-verdict first exists (performance.now() counts from navigation
// start), the start of the next animation frame (the frame that paints it), and when the page first
// asked the extension APIs for data (tabs, storage.session: where a popup's wait begins).
// \`__benchDone\` resolves then, so the reader waits without polling the page it measures.
const OBSERVE_VERDICT = `(() => {
  if (location.protocol !== 'chrome-extension:') return;
  let apiAt;
  const watch = (obj, name) => {
    const fn = obj && obj[name];
    if (typeof fn !== 'function') return;
    try {
      obj[name] = function (...args) {
        if (apiAt === undefined) apiAt = performance.now();
        return fn.apply(this, args);
      };
    } catch {}
  };
  if (globalThis.chrome) {
    watch(chrome.tabs, 'get');
    watch(chrome.tabs, 'query');
    watch(chrome.storage && chrome.storage.session, 'get');
  }
  window.__benchDone = new Promise((resolve) => {
    const observer = new MutationObserver(() => check());
    const check = () => {
      const el = document.querySelector('[data-verdict]');
      if (!el) return;
      observer.disconnect();
      const verdictAt = performance.now();
      const verdict = el.getAttribute('data-verdict');
      requestAnimationFrame(() => resolve({ verdictAt, frameAt: performance.now(), verdict, apiAt }));
    };
    observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-verdict'] });
  });
})();`;

interface OpenResult {
  verdictAt: number;
  frameAt: number;
  verdict: string;
  /** First call to tabs.get/query or storage.session.get (undefined on a page that makes none). */
  apiAt?: number;
  /** DOMContentLoaded end: module scripts have run. */
  dcl: number;
  scripts: string[];
}

// Functions run in the page through CDP (extension pages forbid eval, so no string expressions here).
const readResult = () =>
  (window as unknown as { __benchDone: Promise<Pick<OpenResult, 'verdictAt' | 'frameAt' | 'verdict' | 'apiAt'>> }).__benchDone.then((r) => ({
    ...r,
    dcl: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventEnd ?? NaN,
    scripts: performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((n) => /\.m?js$/.test(new URL(n).pathname)),
  }));

export interface PopupTimingRow {
  label: string;
  runs: number;
  /** Navigation start -> `[data-verdict]` in the DOM. */
  verdictMs: Summary;
  /** Navigation start -> start of the next animation frame after that. */
  frameMs: Summary;
  /** Navigation start -> DOMContentLoaded end (the page's scripts have run). */
  dclMs: Summary;
  /** Navigation start -> first request for data to the extension APIs. */
  firstApiCallMs: Summary;
}

export interface PopupResult {
  chromium: string;
  scenario: ScenarioName;
  verdict: string;
  chunks: JsChunk[];
  totalBytes: number;
  totalGzipBytes: number;
  /** JS the popup loaded at run time that the static walk did not find (should be empty). */
  unlistedScripts: string[];
  rows: PopupTimingRow[];
  /** Median over runs of popup minus empty page in the same round. */
  pairedExtraMs: number;
  aims: typeof POPUP_AIMS;
}

export interface PopupOptions {
  runs: number;
  warmup: number;
  extensionDir: string;
  scenario: ScenarioName;
}

export async function benchPopup(options: Partial<PopupOptions> = {}): Promise<PopupResult> {
  const o: PopupOptions = { runs: 20, warmup: 3, extensionDir: CHROME_EXTENSION_DIR, scenario: 'third-parties', ...options };
  const root = mkdtempSync(join(tmpdir(), 'onlooker-popup-bench-'));
  const ext = join(root, 'extension');
  cpSync(o.extensionDir, ext, { recursive: true });
  writeFileSync(join(ext, 'empty.html'), emptyPage(readFileSync(join(ext, 'popup.html'), 'utf8')));
  const chunks = pageScripts(ext);
  const servers = await startScenarioServers();
  let session: ChromiumSession | undefined;
  try {
    session = await ChromiumSession.launch({ extensionDir: ext });
    const s = scenario(o.scenario);
    const visit = await session.visit(s.start(servers.ports));
    await session.context.addInitScript({ content: OBSERVE_VERDICT });
    const base = `chrome-extension://${session.extensionId}/`;
    const pages = [
      { label: 'popup.html (the report)', url: session.popupUrl(visit.tabId), samples: [] as OpenResult[] },
      { label: 'empty.html (same shell, no script)', url: `${base}empty.html?tab=${visit.tabId}`, samples: [] as OpenResult[] },
    ];
    const loaded = new Set<string>();
    const open = async (url: string): Promise<OpenResult> => {
      const page = await session!.context.newPage();
      try {
        await page.setViewportSize({ width: 380, height: 600 });
        await page.goto(url);
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no [data-verdict] within 10 s on ${url}`)), 10_000);
        });
        return await Promise.race([page.evaluate(readResult), timeout]).finally(() => clearTimeout(timer));
      } finally {
        await page.close();
      }
    };
    for (let round = 0; round < o.warmup + o.runs; round++) {
      for (let j = 0; j < pages.length; j++) {
        const p = pages[(round + j) % pages.length]!;
        const r = await open(p.url);
        if (p === pages[0]) {
          if (r.verdict !== s.verdict) throw new Error(`the popup rendered verdict "${r.verdict}", expected "${s.verdict}" for ${o.scenario}`);
          r.scripts.forEach((u) => loaded.add(new URL(u).pathname.slice(1)));
        }
        if (round >= o.warmup) p.samples.push(r);
      }
    }
    const listed = new Set(chunks.map((c) => c.file));
    return {
      chromium: session.context.browser()?.version() ?? 'unknown',
      scenario: o.scenario,
      verdict: s.verdict,
      chunks,
      totalBytes: chunks.filter((c) => !c.onDemand).reduce((a, c) => a + c.bytes, 0),
      totalGzipBytes: chunks.filter((c) => !c.onDemand).reduce((a, c) => a + c.gzipBytes, 0),
      unlistedScripts: [...loaded].filter((f) => !listed.has(f)),
      rows: pages.map((p) => ({
        label: p.label,
        runs: p.samples.length,
        verdictMs: summarize(p.samples.map((x) => x.verdictAt)),
        frameMs: summarize(p.samples.map((x) => x.frameAt)),
        dclMs: summarize(p.samples.map((x) => x.dcl)),
        firstApiCallMs: summarize(p.samples.map((x) => x.apiAt ?? NaN)),
      })),
      pairedExtraMs: summarize(pages[0]!.samples.map((x, i) => x.verdictAt - pages[1]!.samples[i]!.verdictAt)).median,
      aims: POPUP_AIMS,
    };
  } finally {
    await session?.close();
    await servers.close();
    rmSync(root, { recursive: true, force: true });
  }
}

export function printPopup(r: PopupResult): void {
  console.log(`\nPopup JavaScript (what popup.html loads, following imports; gzip -9)`);
  console.table(r.chunks.map((c) => ({ file: c.file, bytes: c.bytes, 'gzip bytes': c.gzipBytes, loaded: c.onDemand ? 'on demand (not counted)' : 'always' })));
  const kb = r.totalGzipBytes / 1024;
  console.log(`total: ${r.totalBytes} bytes, ${fixed(kb, 1)} KB gzip (aim <= ${r.aims.gzipKb} KB): ${kb <= r.aims.gzipKb ? 'met' : 'MISSED'}`);
  if (r.unlistedScripts.length) console.log(`loaded at run time but not found by the static walk: ${r.unlistedScripts.join(', ')}`);
  console.log(`\nPopup time to rendered report in headless Chromium ${r.chromium} (tab: scenario "${r.scenario}", verdict ${r.verdict}), interleaved runs`);
  console.table(
    r.rows.map((x) => ({
      page: x.label,
      runs: x.runs,
      'to [data-verdict] median ms': fixed(x.verdictMs.median, 1),
      'p90 ms': fixed(x.verdictMs.p90, 1),
      'to next frame median ms': fixed(x.frameMs.median, 1),
      'frame p90 ms': fixed(x.frameMs.p90, 1),
      'DCL median ms': fixed(x.dclMs.median, 1),
      'first API call median ms': fixed(x.firstApiCallMs.median, 1),
    })),
  );
  const ours = r.rows[0]!;
  console.log(
    `popup: ${fixed(ours.verdictMs.median, 1)} ms to the rendered report (aim < ${r.aims.reportMs} ms): ${ours.verdictMs.median < r.aims.reportMs ? 'met' : 'MISSED'}; ` +
      `${fixed(r.pairedExtraMs, 1)} ms more than the empty page (median of paired runs)`,
  );
}

if (isMain(import.meta.url)) {
  const result = await benchPopup({ runs: intOption('runs', 20), warmup: intOption('warmup', 3) });
  printPopup(result);
  removeTestCerts();
}

