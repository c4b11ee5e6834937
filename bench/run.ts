import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { removeTestCerts } from '../tests/harness/certs';
import { benchPageLoad, printPageLoad } from './page-load';
import type { HostileRow } from './hostile';
import { benchFirefoxPageLoad, printFirefoxPageLoad } from './page-load-firefox';
import type { PipelineRow } from './pipeline';
import { benchPopup, printPopup } from './popup';
import { intOption, listOption } from './stats';

// `npm run bench` (after `npm run build`): the Node pipeline bench, the hostile-page bench, the page-load bench and the popup
// bench, one after the other, every table printed and the figures written to bench/results/latest.json.
// It reports; it does not judge. A missed aim is printed, not an exit code; a bench that could not run
// at all is (exit 1), so a broken bench never passes for a good one.
//   --loads N (page loads per row, default 20)  --pause MS (after each load, default 400)
//   --runs N (popup openings per page, default 20)  --diagnose (page-load rows that split Onlooker's cost)
//   --before DIR (Firefox: an earlier Onlooker build to compare, default /tmp/onlooker-base/.output/firefox-mv3)

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));

/**
 * The pipeline bench in its own Node with --expose-gc, so its heap figures are exact and nothing of
 * this process's browsers is in them. It prints its own table; the rows come back through a file.
 */
async function pipelineInChild(): Promise<PipelineRow[]> {
  return inChild<PipelineRow[]>('pipeline.ts', 'benchPipeline', 'printPipeline');
}

/** A Node bench module run in its own Node with --expose-gc: `bench()` gives rows, `print(rows)` prints them. */
async function inChild<T>(file: string, bench: string, print: string): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'onlooker-pipeline-'));
  const out = join(dir, 'rows.json');
  const code = [
    `const { writeFileSync } = await import('node:fs');`,
    `const m = await import(${JSON.stringify(pathToFileURL(join(BENCH_DIR, file)).href)});`,
    `const rows = await m.${bench}();`,
    `m.${print}(rows);`,
    `writeFileSync(process.argv[1], JSON.stringify(rows));`,
  ].join('\n');
  try {
    const status = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', code, out], { stdio: 'inherit' });
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (status !== 0) throw new Error(`the ${file} bench exited with ${status}`);
    return JSON.parse(readFileSync(out, 'utf8')) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function section<T>(name: string, errors: Record<string, string>, run: () => Promise<T>): Promise<T | undefined> {
  const t0 = Date.now();
  try {
    const result = await run();
    console.log(`(${name}: ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    return result;
  } catch (err) {
    errors[name] = err instanceof Error ? (err.stack ?? err.message) : String(err);
    console.error(`\n${name} bench failed: ${errors[name]}`);
    return undefined;
  }
}

const errors: Record<string, string> = {};
const startedAt = new Date();
const pipeline = await section('pipeline', errors, pipelineInChild);
const hostile = await section('hostile', errors, () => inChild<HostileRow[]>('hostile.ts', 'benchHostile', 'printHostile'));
const pageLoad = await section('page-load', errors, async () => {
  const r = await benchPageLoad({
    loads: intOption('loads', 20),
    pauseMs: intOption('pause', 400),
    diagnose: process.argv.includes('--diagnose'),
    only: listOption('rows'),
  });
  printPageLoad(r);
  return r;
});
const pageLoadFirefox = await section('page-load-firefox', errors, async () => {
  const r = await benchFirefoxPageLoad({ loads: intOption('loads', 20), pauseMs: intOption('pause', 400), ...(listOption('before')?.[0] ? { beforeDir: listOption('before')![0] } : {}) });
  printFirefoxPageLoad(r);
  return r;
});
const popup = await section('popup', errors, async () => {
  const r = await benchPopup({ runs: intOption('runs', 20) });
  printPopup(r);
  return r;
});
removeTestCerts();

const resultsDir = join(BENCH_DIR, 'results');
mkdirSync(resultsDir, { recursive: true });
const results = {
  startedAt: startedAt.toISOString(),
  seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
  machine: { node: process.version, cpus: cpus().length, loadAverageAtEnd: loadavg() },
  pipeline,
  hostile,
  pageLoad,
  pageLoadFirefox,
  popup,
  errors,
};
writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`\nFigures written to bench/results/latest.json (${results.seconds} s in all; load average at the end ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} CPUs)`);
process.exitCode = Object.keys(errors).length ? 1 : 0;
