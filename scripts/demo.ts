import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ChromiumSession, hasContentScripts, PROJECT_ROOT } from '../tests/harness/chromium';
import { removeTestCerts } from '../tests/harness/certs';
import { SCENARIOS, type Scenario } from '../tests/harness/scenarios';
import { startScenarioServers, type ScenarioServers } from '../tests/harness/servers';

// `npm run demo`: the built extension in Chromium against the local scenario sites. Prints what the
// extension showed for each scenario next to what it should show, saves a screenshot of the popup
// for each, and exits non-zero if any row is wrong. `--headed` shows the browser.

interface Row {
  scenario: string;
  url: string;
  verdict: string;
  badge: string;
  expected: string;
  ok: 'yes' | 'NO' | 'skip';
  note?: string;
}

const SHOTS = join(PROJECT_ROOT, 'docs/screenshots');
const shown = (badge: string) => (badge ? `"${badge}"` : '(none)');

async function runScenario(browser: ChromiumSession, servers: ScenarioServers, s: Scenario): Promise<Row> {
  const url = s.start(servers.ports);
  const expected = `${s.verdict} ${shown(s.badge)}`;
  const row: Row = { scenario: s.name, url, verdict: '?', badge: '?', expected, ok: 'NO' };
  try {
    const visit = await browser.visit(url);
    const badge = await browser.badge(visit.tabId);
    const path = join(SHOTS, `chromium-${s.name}.png`);
    const popup = await browser.screenshotPopup(visit.tabId, path);
    row.verdict = popup.verdict;
    row.badge = shown(badge.text);
    const right = popup.verdict === s.verdict && badge.text === s.badge;
    const unbuilt = s.needs === 'document-scan' && !hasContentScripts(browser.extensionDir);
    row.ok = right ? 'yes' : unbuilt ? 'skip' : 'NO';
    if (unbuilt && !right) row.note = 'needs the document scan (no content script in this build yet)';
  } catch (err) {
    row.note = err instanceof Error ? err.message.split('\n')[0] : String(err);
  }
  return row;
}

function printTable(rows: Row[]): void {
  const head = ['scenario', 'URL', 'verdict', 'badge', 'expected', 'ok'];
  const cells = rows.map((r) => [r.scenario, r.url, r.verdict, r.badge, r.expected, r.ok]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join(' | ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const c of cells) console.log(line(c));
  for (const r of rows) if (r.note) console.log(`  ${r.scenario}: ${r.note}`);
}

async function main(): Promise<number> {
  const headed = process.argv.includes('--headed');
  mkdirSync(SHOTS, { recursive: true });
  let servers: ScenarioServers | undefined;
  let browser: ChromiumSession | undefined;
  const cleanup = async () => {
    await browser?.close();
    await servers?.close();
    removeTestCerts();
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    servers = await startScenarioServers();
    browser = await ChromiumSession.launch({ headed });
    console.log(`Scenario sites on 127.0.0.1: http ${servers.ports.http}, https ${servers.ports.https}; Chromium ${browser.context.browser()?.version() ?? ''}`);
    const rows: Row[] = [];
    for (const s of SCENARIOS) rows.push(await runScenario(browser, servers, s));
    console.log('');
    printTable(rows);
    console.log(`\nPopup screenshots: ${relative(process.cwd(), SHOTS) || '.'}/chromium-<scenario>.png`);
    const wrong = rows.filter((r) => r.ok === 'NO').length;
    console.log(wrong ? `${wrong} of ${rows.length} scenarios are wrong.` : `All ${rows.length} scenarios as expected.`);
    return wrong ? 1 : 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
