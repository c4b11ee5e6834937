import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { assess } from '@/utils/assess';
import { hasFinding } from '@/utils/assess/posture';
import { browserLabel, exportInput, exportReport, fileName, FORMATS } from '@/utils/export';
import { code } from '@/utils/export/markdown';
import { messageKey } from '@/utils/format';
import type { Posture } from '@/utils/assess/posture';
import { report } from '@/utils/report';
import type { Report } from '@/utils/report/core';
import { HOSTILE, SCENARIOS, view } from '../fixtures/popup-scenarios';
import { exportOf, COOKIE_NAMES, LEAKY_CAPS, LEAKY_IPS, leakyView, META, SECRET } from '../support/export';
import { factCase } from '../support/fact-space';
import { runs } from '../support/mutation';
import { readCatalogue, useLocale } from '../support/setup';

// Each export format against the report model: what must appear (the verdict, each finding, the date,
// browser and version, what the browser could not tell) and what must never (a query string, cookie
// names unless asked for, addresses the user omitted).

const en = readCatalogue('en');
const words = (key: string) => en[key]!.message;
/** The words of a message up to its first placeholder: enough to know the sentence is there. */
const lead = (key: string) => words(key).split('$')[0]!.trim();

const WORDS = ['text', 'markdown'] as const;

describe.each(Object.values(SCENARIOS))('$name', ({ view: v, caps }) => {
  // In a hook, not at collection: mutation testing then traces the report's code to each test.
  let posture: Posture;
  let r: Report;
  beforeEach(() => {
    posture = assess(v);
    r = report(v, posture, caps);
  });

  it.each(WORDS)('%s names the verdict, its meaning and every finding', (format) => {
    const out = exportOf(format, v, caps);
    expect(out).toContain(words(`verdict_${r.headline.verdictKey}`));
    expect(out).toContain(lead(`why_${r.headline.whyKey}`));
    for (const f of [...r.notes, ...r.more]) expect(out, f.id).toContain(lead(`finding_${messageKey(f.id)}`));
    for (const s of [...r.connection, ...r.visible]) expect(out, s.id).toContain(lead(s.key));
  });

  it.each(WORDS)('%s says when, in which browser, by which version, and what the browser could not tell', (format) => {
    const out = exportOf(format, v, caps);
    expect(out).toContain('Onlooker 9.8.7');
    expect(out).toContain('Firefox 140');
    expect(out).toContain('2026-12-01 21:05 UTC');
    if (caps.securityInfo === 'firefox') expect(out).toContain(words('export_allAvailable'));
    else expect(out).toContain(`${lead('export_notAvailable')} ${words('export_fact_certificate')}`);
  });

  it('json carries the verdict, each finding with its id, and the who-sees-what cells', () => {
    const j = JSON.parse(exportOf('json', v, caps));
    expect(j.schema).toBe(1);
    expect(j.verdict.id).toBe(posture.verdict);
    expect(j.findings.map((f: { id: string }) => f.id)).toEqual(posture.findings.filter((f) => f.id !== 'header').map((f) => f.id));
    expect(j.who).toEqual(r.who);
    expect(j.hosts.contacted.map((h: { host: string }) => h.host)).toEqual(r.facts.contacted.map((h) => h.host));
    expect(j.generator.version).toBe('9.8.7');
  });
});

describe('redaction', () => {
  const v = leakyView();
  let posture: Posture;
  beforeEach(() => {
    posture = assess(v);
  });

  it('the fixture really holds what must be cut (so the tests below can fail)', () => {
    expect(v.url).toContain(SECRET);
    expect(hasFinding(posture, 'first-hop-http')?.from).toContain(SECRET);
    const cookies = posture.findings.find((f) => f.id === 'header' && f.test === 'cookies');
    expect(String((cookies as { facts?: { names?: string } }).facts?.names)).toContain(COOKIE_NAMES[0]);
  });

  it.each(FORMATS)('%s has no query string or fragment, and no cookie name, by default', (format) => {
    const out = exportOf(format, v, LEAKY_CAPS);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain('?token=');
    expect(out).not.toContain('#frag');
    for (const name of COOKIE_NAMES) expect(out).not.toContain(name);
    expect(out).toContain('https://shop.example.com/account');
    for (const ip of LEAKY_IPS) expect(out).toContain(ip);
  });

  it.each(FORMATS)('%s names the cookies only when the user asks for them', (format) => {
    const out = exportOf(format, v, LEAKY_CAPS, { cookieNames: true });
    expect(out).toContain(COOKIE_NAMES[0]);
    expect(out).not.toContain(SECRET);
  });

  it.each(FORMATS)('%s leaves out every address when the user omits them', (format) => {
    const out = exportOf(format, v, LEAKY_CAPS, { addresses: false });
    for (const ip of LEAKY_IPS) expect(out).not.toContain(ip);
    expect(out).toContain(format === 'json' ? '[omitted]' : words('export_addressOmitted'));
    expect(out).toContain('pix.tracker.test');
  });

  it('an IP-literal site, a proxy and the fact space: no address survives "omit addresses"', () => {
    fc.assert(
      fc.property(factCase, fc.constantFrom(...FORMATS), (c, format) => {
        const out = exportOf(format, c.view, c.caps, { addresses: false });
        expect(out).not.toMatch(/(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/);
        expect(out).not.toContain('2001:db8');
      }),
      { numRuns: runs(300) },
    );
  });

  it('every export of the fact space is free of query strings and names every statement', () => {
    fc.assert(
      fc.property(factCase, fc.constantFrom(...WORDS), (c, format) => {
        const url = `${c.view.url}?code=${SECRET}#${SECRET}`;
        const v2 = { ...c.view, url, hops: (c.view.hops ?? []).map((h) => ({ ...h, url: `${h.url}?code=${SECRET}` })) };
        const out = exportOf(format, v2, c.caps);
        expect(out).not.toContain(SECRET);
        const r = report(v2, assess(v2), c.caps);
        for (const s of [...r.connection, ...r.visible]) expect(out).toContain(lead(s.key));
      }),
      { numRuns: runs(200) },
    );
  });
});

describe('our own words', () => {
  it('keep their links whole (a chrome://flags/#... fragment is not a page\'s)', () => {
    const s = SCENARIOS.httpsChrome;
    expect(exportOf('text', s.view, s.caps)).toContain(words('howto_flagChrome'));
  });
});

describe('page-controlled text', () => {
  const hostile = view('https://example.com/', { hosts: { x: { host: HOSTILE.markup, site: 'x', party: 'third', requests: 1, schemes: { https: 1 }, ips: ['192.0.2.1'], errors: 0 }, long: { host: HOSTILE.long, site: 'y', party: 'third', requests: 1, schemes: { https: 1 }, ips: [], errors: 0 }, rlo: { host: HOSTILE.rlo, site: 'z', party: 'third', requests: 1, schemes: { https: 1 }, ips: [], errors: 0 } } });

  it('is a code span in Markdown, so it can never become markup or a link', () => {
    const out = exportOf('markdown', hostile, SCENARIOS.httpsChrome.caps);
    expect(out).toContain('`<img src=x onerror=alert(1)>`');
    expect(out).not.toMatch(/[^`]<img/);
  });

  it('is inert and bounded in every format', () => {
    for (const format of FORMATS) {
      const out = exportOf(format, hostile, SCENARIOS.httpsChrome.caps);
      expect(out).not.toContain('\u202E');
      expect(out.length).toBeLessThan(40_000);
    }
  });

  it('code spans hold backticks', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`x`')).toBe('`` `x` ``');
  });
});

describe('language', () => {
  it('text and Markdown speak the reader\'s language; JSON keeps its English keys', () => {
    useLocale('de');
    const de = readCatalogue('de');
    const s = SCENARIOS.mixed;
    const md = exportOf('markdown', s.view, s.caps);
    expect(md).toContain(de.heading_who!.message);
    expect(md).toContain(de.export_redactedQueries!.message);
    const j = JSON.parse(exportOf('json', s.view, s.caps));
    expect(j.verdict.id).toBe('mixed');
    expect(Object.keys(j)).toContain('notAvailable');
  });
});

describe('details', () => {
  it('the browser and its version from the user agent', () => {
    expect(browserLabel({ browser: 'firefox', securityInfo: 'firefox' }, 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0')).toBe('Firefox 140');
    expect(browserLabel({ browser: 'chrome', securityInfo: 'none' }, 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36')).toBe('Chrome 131');
    expect(browserLabel({ browser: 'chrome', securityInfo: 'none' }, '')).toBe('Chrome');
  });

  it('the file name holds the site and the day, and no address the user omitted', () => {
    const s = SCENARIOS.mixed;
    const input = exportInput({ view: s.view, posture: assess(s.view), caps: s.caps }, META);
    expect(fileName(input, 'json')).toBe('onlooker-example.com-2026-12-01.json');
    const ipView = view('http://198.51.100.20/admin');
    const omitted = exportInput({ view: ipView, posture: assess(ipView), caps: s.caps }, META, { cookieNames: false, addresses: false });
    expect(fileName(omitted, 'markdown')).toBe('onlooker-address-2026-12-01.md');
    expect(exportReport('text', omitted)).not.toContain('198.51.100.20');
  });
});
