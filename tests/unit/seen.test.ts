import { describe, expect, it } from 'vitest';
import { assess } from '@/utils/assess';
import { report } from '@/utils/report';
import type { SeenRow } from '@/utils/report/seen';
import { buildCase, type Axes } from '../support/fact-space';

// The compact "who can see what": per thing that can be seen, the parties on this page's path that see
// it. The fact-space invariants (report-invariants.ts) hold it to the full table; these pin the rows a
// person reads on the usual pages.

const base: Axes = {
  browser: 'firefox', scheme: 'https', hops: 'none', cert: 'verified', chain: 'built-in', content: 'all-https', route: 'direct',
  dns: 'not-used', ech: 'not-used', observed: 'network', failedThirdParty: false, thirdParties: 1, host: 'domain', tls: 'TLSv1.3',
};

type Rows = Record<'visit' | 'content' | 'ip', { parties: string; tone: string }>;

function seen(patch: Partial<Axes>): Rows {
  const c = buildCase({ ...base, ...patch });
  const rows: SeenRow[] = report(c.view, assess(c.view), c.caps).seen;
  return Object.fromEntries(rows.map((r) => [r.subject, { parties: r.seers.map((s) => `${s.party}:${s.value}${s.unexpected ? '!' : ''}`).join(' '), tone: r.tone }])) as Rows;
}

describe('who can see what, compact', () => {
  it('a verified https page: only the site (and the sites it shares with) read the content', () => {
    const s = seen({});
    expect(s.visit).toEqual({ parties: 'network:sees resolver:sees site:sees third-parties:sees', tone: 'info' });
    expect(s.content).toEqual({ parties: 'site:sees third-parties:partly', tone: 'protected' });
    expect(s.ip).toEqual({ parties: 'network:sees resolver:sees site:sees third-parties:sees', tone: 'info' });
  });

  it('plain http: the network reads the content, coloured', () => {
    expect(seen({ scheme: 'http' }).content).toEqual({ parties: 'network:sees! site:sees third-parties:partly', tone: 'exposed' });
  });

  it('an added root: its holder may read, by that name, and the network is not blamed', () => {
    expect(seen({ chain: 'added' }).content).toEqual({ parties: 'root-holder:may-see! site:sees third-parties:partly', tone: 'warning' });
    // The holder may read what you read and send; which site you visit and your address are the network's to see.
    expect(seen({ chain: 'added' }).visit.parties).not.toContain('root-holder');
    expect(seen({ chain: 'added', route: 'tor' }).ip.parties).not.toContain('root-holder');
    // Through Tor the table has no one on the network's row; the holder still may read.
    expect(seen({ chain: 'added', route: 'tor' }).content.parties).toContain('root-holder:may-see!');
  });

  it('a page stopped at its certificate warning: nothing reached the site', () => {
    const s = seen({ cert: 'refused', thirdParties: 0 });
    expect(s.content).toEqual({ parties: '', tone: 'info' });
  });

  it('a page Onlooker did not see load: the network is "unknown", neither coloured nor a tick', () => {
    const s = seen({ observed: 'tab' } as Partial<Axes>);
    expect(s.content.parties).toMatch(/network:unknown( |$)/);
    expect(s.content.tone).toBe('unknown');
  });

  it('a VPN never appears (the browser cannot know one is used); Tor relays only through Tor', () => {
    for (const row of Object.values(seen({}))) expect(row.parties).not.toMatch(/vpn|tor-/);
    const tor = seen({ route: 'tor' });
    expect(tor.visit.parties).toContain('tor-exit:sees');
    expect(tor.ip.parties).toContain('tor-guard:sees');
    expect(tor.ip.parties).not.toContain('tor-exit');
  });

  it('through Tor, the exit reads the http parts of an https page', () => {
    expect(seen({ route: 'tor', content: 'http-loaded' }).content).toMatchObject({ tone: 'exposed' });
    expect(seen({ route: 'tor', content: 'http-loaded' }).content.parties).toContain('tor-exit:partly!');
  });

  it('Chrome cannot tell whether the name was hidden: "likely", not "sees"', () => {
    expect(seen({ browser: 'chrome', chain: 'unknown' } as Partial<Axes>).visit.parties).toMatch(/^network:likely /);
  });
});
