import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumSession } from '../harness/chromium';
import { FirefoxSession } from '../harness/firefox';
import { HOSTS } from '../harness/hosts';
import { scenario } from '../harness/scenarios';
import { scenarioServersForFile } from '../harness/file-servers';
import { originOf, THIRD_PARTY_HOSTS } from '../harness/sites';
import { catalogue } from '../harness/words';

// The host table in real browsers: every host of the third-parties scenario with its address (and in
// Firefox its TLS version and root), and a host that refuses every connection listed apart and not
// counted. Expected values come from the scenario sites and the English catalogue.

const word = (key: string) => catalogue()[key]!.message;

const servers = scenarioServersForFile();

/** The table's rows as text, once its lazily loaded code has rendered it. */
interface Shown {
  rows: Record<string, string>;
  failed: Record<string, string>;
  text: string;
  /** The line that opens the table ("Also contacted: ..."). */
  summary: string;
}

const READ_TABLE = `(() => {
  const byHost = (sel) => Object.fromEntries([...document.querySelectorAll(sel)].map((li) => [li.querySelector('.hostname').textContent, li.textContent]));
  return { rows: byHost('.host-table .host-row'), failed: byHost('.hosts.failed .host-failed'), text: document.querySelector('.hosts-sec').textContent, summary: document.querySelector('.hosts-line > summary').textContent };
})()`;

const EVERY_ROW_HAS_TLS = `document.querySelectorAll('.host-row').length > 0 && [...document.querySelectorAll('.host-row')].every((r) => r.querySelector('.host-tls'))`;

interface PopupPage {
  waitForSelector(sel: string, o: { timeout: number; state?: 'attached' }): Promise<unknown>;
  waitForFunction(fn: string, o: { timeout: number }): Promise<unknown>;
  evaluate(fn: string): Promise<unknown>;
  close(): Promise<void>;
}
interface Browser {
  visit(url: string): Promise<{ tabId: number; page: { close(): Promise<void> } }>;
  openPopup(tabId: number): Promise<{ page: unknown }>;
}

/** Visits `url`, opens its popup and reads the host table once its lazily loaded code has rendered it. */
async function readTable(b: Browser, url: string, waitFor?: string): Promise<Shown> {
  const visit = await b.visit(url);
  const popup = (await b.openPopup(visit.tabId)).page as PopupPage;
  try {
    // Inside the closed "Also contacted" disclosure: there, not shown.
    await popup.waitForSelector('.hosts-sec', { timeout: 10_000, state: 'attached' });
    if (waitFor) await popup.waitForFunction(waitFor, { timeout: 10_000 }).catch(() => undefined);
    return (await popup.evaluate(READ_TABLE)) as Shown;
  } finally {
    await popup.close();
    await visit.page.close();
  }
}

const unreachable = () => `${originOf('https', HOSTS.www, servers.ports)}/with-unreachable`;

describe('Chromium', () => {
  let chromium: ChromiumSession;
  beforeAll(async () => {
    chromium = await ChromiumSession.launch();
  });
  afterAll(async () => {
    await chromium?.close();
  });

  const table = (url: string) => readTable(chromium, url);

  it('third-parties: each host with its IP, its family, and TLS per host said once to be unavailable', async () => {
    const t = await table(scenario('third-parties').start(servers.ports));
    for (const host of [HOSTS.news, HOSTS.static, ...THIRD_PARTY_HOSTS]) {
      expect(t.rows[host], host).toContain('127.0.0.1');
      expect(t.rows[host], host).toContain(`(${word('family_ipv4')}, ${word('scope_loopback')})`);
      expect(t.rows[host], host).toContain('https');
    }
    expect(t.text.split(word('hostTable_tlsUnavailable')).length - 1).toBe(1);
    expect(t.text).not.toContain('TLSv1');
  });

  it('a host that refuses every connection is listed apart and not counted', async () => {
    const t = await table(unreachable());
    expect(Object.keys(t.rows).sort()).toEqual([HOSTS.www, HOSTS.cdn].sort());
    expect(t.failed[HOSTS.gone]).toContain(word('fail_refused'));
    // The one third party that answered is named; the one that never did is not counted.
    expect(t.summary).toBe(word('hosts_also').replace('$HOSTS$', HOSTS.cdn));
  });
});

describe('Firefox', () => {
  let firefox: FirefoxSession;
  beforeAll(async () => {
    firefox = await FirefoxSession.launch();
    // Per-host TLS is an option (off by default: it costs a blocking listener on every response).
    await firefox.inExtension(
      () => (globalThis as unknown as { browser: { storage: { local: { set(o: object): Promise<void> } } } }).browser.storage.local.set({ settings: { schema: 1, badge: 'all', knownRoots: [], quietHosts: [], hostTls: true } }),
      null,
    );
  });
  afterAll(async () => {
    await firefox?.close();
  });

  // Per-host TLS arrives with the hosts' first responses: wait (briefly) for every row to have it.
  const table = (url: string) => readTable(firefox, url, EVERY_ROW_HAS_TLS);

  it('third-parties: each host with its IP and its TLS version, chains ending in the profile\'s added test root', async () => {
    const t = await table(scenario('third-parties').start(servers.ports));
    for (const host of [HOSTS.news, HOSTS.static, ...THIRD_PARTY_HOSTS]) {
      expect(t.rows[host], host).toContain('127.0.0.1');
      expect(t.rows[host], host).toMatch(/TLSv1\.3/);
      // The test CA is added to the profile, not built in: every chain ends in an added root.
      expect(t.rows[host], host).toContain(word('tlsRoot_added').split('$ROOT$')[0]!.trim());
    }
    expect(t.text).not.toContain(word('hostTable_tlsUnavailable'));
    // The line that opens the table names the third parties first.
    expect(t.summary.startsWith(word('hosts_also').split('$HOSTS$')[0]!), t.summary).toBe(true);
    // Every host alike: no partial interception.
    expect(t.text).not.toContain(word('partial_interception').split(':')[0]!);
  });

  it('a host that refuses every connection is listed apart and not counted', async () => {
    const t = await table(unreachable());
    expect(Object.keys(t.rows).sort()).toEqual([HOSTS.www, HOSTS.cdn].sort());
    expect(t.failed[HOSTS.gone]).toBeDefined();
    expect(t.summary).toBe(word('hosts_also').replace('$HOSTS$', HOSTS.cdn));
  });
});
