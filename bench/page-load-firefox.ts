import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { PROJECT_ROOT } from '../tests/harness/chromium';
import { testCerts } from '../tests/harness/certs';
import { firefoxExecutable, firefoxPrefs, makeProfile } from '../tests/harness/firefox';
import { IMAGES, PAGE_HOST, startBenchSite, THIRD_PARTY_HOSTS, type BenchSite } from './page-load';
import { benchSettings, buildReferenceExtension, buildWithSettings } from './extension-copies';
import { interleavedLoads, loadRatios, READ_NAV_TIMING, type LoadRatios, type NavTiming } from './interleave';
import { fixed, intOption, isMain, listOption, sleep, summarize, withRetries, type Summary } from './stats';

// The page-load bench in real Firefox ESR: the same page (300 uncached images from 20 third-party
// sites), with no extension, with a reference extension (one empty onResponseStarted listener), with
// Onlooker as it was before per-host TLS (a build of an earlier commit, `--before DIR`, default
// /tmp/onlooker-base/.output/firefox-mv3), Onlooker now with its defaults (per-site memory on,
// per-host TLS off), with memory off, and with per-host TLS on. One Firefox per row, all open at
// once, loads interleaved (bench/interleave.ts); ratios are to the same run's rows.
// Firefox makes a blocking onHeadersReceived listener hold each response until the extension's
// process answers: that is the cost this bench is for.

export const FIREFOX_EXTENSION_DIR = join(PROJECT_ROOT, '.output/firefox-mv3');
export const DEFAULT_BEFORE_DIR = '/tmp/onlooker-base/.output/firefox-mv3';
/** The aim of issue 11: Onlooker within 5% of the one-empty-listener reference. */
export const FIREFOX_AIM = { overReference: 1.05 } as const;

export interface FirefoxLoadRow extends LoadRatios {
  key: string;
  label: string;
  loads: number;
  loadMs: Summary;
}

export interface FirefoxLoadResult {
  firefox: string;
  images: number;
  thirdParties: number;
  loadsPerRow: number;
  warmupLoads: number;
  pauseMs: number;
  loadAverage: { before: number; after: number };
  rows: FirefoxLoadRow[];
}

export interface FirefoxLoadOptions {
  loads: number;
  warmup: number;
  pauseMs: number;
  afterDir: string;
  beforeDir?: string;
  /** Only these rows (by key) besides the no-extension baseline; default all. */
  only?: string[];
}

interface Spec {
  key: string;
  label: string;
  extensionDir: string | null;
}

interface Variant extends Spec {
  browser: Browser;
  page: Page;
}

/** How long Firefox may take to start, and how often a failed start is tried again (see page-load.ts). */
const START = { launchMs: 90_000, attempts: 3, backgroundMs: 1500 } as const;

async function launch(spec: Spec, root: string): Promise<Variant> {
  return withRetries(`starting Firefox for "${spec.label}"`, START.attempts, async (attempt) => {
    const profile = join(root, `profile-${spec.key}-${attempt}`);
    makeProfile(profile, testCerts(), []);
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxExecutable(),
      headless: true,
      userDataDir: profile,
      timeout: START.launchMs,
      extraPrefsFirefox: { ...firefoxPrefs(), 'network.dns.localDomains': [PAGE_HOST, ...THIRD_PARTY_HOSTS].join(','), 'browser.cache.disk.enable': false },
    });
    try {
      if (spec.extensionDir) {
        // A copy: a rebuild during the bench cannot pull files from under the add-on.
        const copy = join(root, `ext-${spec.key}-${attempt}`);
        cpSync(spec.extensionDir, copy, { recursive: true });
        await browser.installExtension(copy);
      }
      const page = await browser.newPage();
      // Let the add-on's background start (and a copy write its settings) before the first load.
      await sleep(START.backgroundMs);
      return { ...spec, browser, page };
    } catch (err) {
      await browser.close().catch(() => undefined);
      throw err;
    }
  });
}

async function loadOnce(v: Variant, site: BenchSite, id: string, pauseMs: number): Promise<number> {
  await v.page.goto(site.pageUrl(id), { waitUntil: 'load', timeout: 60_000 });
  const { load } = (await v.page.evaluate(READ_NAV_TIMING)) as NavTiming;
  const served = site.imagesServed(id);
  if (served !== IMAGES) throw new Error(`${v.label}: ${served} of ${IMAGES} images reached the server for load ${id}`);
  // Leave the page outside the measured window, so the next load does not pay for this one's unload.
  await v.page.goto('about:blank');
  await sleep(pauseMs);
  return load;
}

export async function benchFirefoxPageLoad(options: Partial<FirefoxLoadOptions> = {}): Promise<FirefoxLoadResult> {
  const o: FirefoxLoadOptions = { loads: 20, warmup: 2, pauseMs: 400, afterDir: FIREFOX_EXTENSION_DIR, beforeDir: DEFAULT_BEFORE_DIR, ...options };
  if (!existsSync(join(o.afterDir, 'manifest.json'))) throw new Error(`No Firefox build at ${o.afterDir}: run npm run build`);
  const root = mkdtempSync(join(tmpdir(), 'onlooker-bench-firefox-'));
  const withSettings = (name: string, changes: Parameters<typeof benchSettings>[0]) => buildWithSettings(o.afterDir, join(root, name), benchSettings(changes));
  const all: Spec[] = [
    { key: 'none', label: 'no extension', extensionDir: null },
    { key: 'reference', label: 'reference: one empty onResponseStarted listener', extensionDir: buildReferenceExtension(root, 'firefox') },
    ...(o.beforeDir && existsSync(join(o.beforeDir, 'manifest.json')) ? [{ key: 'before', label: 'Onlooker before per-host TLS', extensionDir: o.beforeDir }] : []),
    { key: 'onlooker', label: 'Onlooker (defaults: memory on, per-host TLS off)', extensionDir: o.afterDir },
    { key: 'onlooker-memory-off', label: 'Onlooker, per-site memory off', extensionDir: withSettings('memory-off', { memory: false }) },
    { key: 'onlooker-host-tls', label: 'Onlooker, per-host TLS on', extensionDir: withSettings('host-tls', { hostTls: true }) },
  ];
  const specs = o.only ? all.filter((x) => x.key === 'none' || o.only!.includes(x.key)) : all;
  const site = await startBenchSite();
  const variants: Variant[] = [];
  const loadBefore = loadavg()[0]!;
  try {
    for (const s of specs) variants.push(await launch(s, root));
    const firefox = await variants[0]!.browser.version();
    const loads = await interleavedLoads(variants, o, (v, loadId) => loadOnce(v, site, loadId, o.pauseMs));
    const reference = loads[variants.findIndex((v) => v.key === 'reference')] ?? [];
    const rows = variants.map((v, i): FirefoxLoadRow => ({
      key: v.key,
      label: v.label,
      loads: loads[i]!.length,
      loadMs: summarize(loads[i]!),
      ...loadRatios(loads[i]!, loads[0]!, reference),
    }));
    return { firefox, images: IMAGES, thirdParties: THIRD_PARTY_HOSTS.length, loadsPerRow: o.loads, warmupLoads: o.warmup, pauseMs: o.pauseMs, loadAverage: { before: loadBefore, after: loadavg()[0]! }, rows };
  } finally {
    for (const v of variants) await v.browser.close().catch(() => undefined);
    await site.close();
    rmSync(root, { recursive: true, force: true });
  }
}

export function printFirefoxPageLoad(r: FirefoxLoadResult): void {
  console.log(
    `\nPage load in headless ${r.firefox}: https page, ${r.images} uncached images from ${r.thirdParties} third-party sites; ` +
      `navigation start -> load event, ${r.loadsPerRow} interleaved loads per row (after ${r.warmupLoads} warm-up), ${r.pauseMs} ms pause; load average ${fixed(r.loadAverage.before, 1)} -> ${fixed(r.loadAverage.after, 1)}`,
  );
  console.table(
    r.rows.map((x) => ({
      row: x.label,
      loads: x.loads,
      'median ms': fixed(x.loadMs.median, 1),
      'p90 ms': fixed(x.loadMs.p90, 1),
      'ratio to none': fixed(x.ratio, 3),
      'paired ratio to none': fixed(x.pairedRatio, 3),
      'ratio to reference': fixed(x.overReference, 3),
      'paired ratio to reference': fixed(x.pairedOverReference, 3),
    })),
  );
  for (const x of r.rows.filter((row) => row.key.startsWith('onlooker'))) {
    const met = x.overReference <= FIREFOX_AIM.overReference;
    console.log(`${x.label}: ${fixed(x.overReference, 3)}x the reference (paired ${fixed(x.pairedOverReference, 3)}x; aim <= ${FIREFOX_AIM.overReference}x): ${met ? 'met' : 'MISSED'}`);
  }
}

if (isMain(import.meta.url)) {
  const before = listOption('before')?.[0];
  const r = await benchFirefoxPageLoad({ loads: intOption('loads', 20), warmup: intOption('warmup', 2), pauseMs: intOption('pause', 400), ...(before ? { beforeDir: before } : {}), only: listOption('rows') });
  printFirefoxPageLoad(r);
}
