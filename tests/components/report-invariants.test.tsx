// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Report } from '../support/report';
import { buildCase, factCase, type Axes, type FactCase } from '../support/fact-space';
import { check, INVARIANTS, type Violation } from './report-invariants';

// The fact space, rendered: for generated combinations of facts, the popup a person would read obeys
// every invariant of report-invariants.ts. Before the report model, this found the failures listed in
// the closing note of the issue "The report as data" (one per invariant name).

afterEach(cleanup);

function violations(c: FactCase): Violation[] {
  const { container } = render(<Report view={c.view} caps={c.caps} tabId={3} />);
  const out = check(c, { root: container, text: (container.textContent ?? '').replace(/\s+/g, ' ') });
  cleanup();
  return out;
}

describe('the rendered report over the whole fact space', () => {
  it('obeys every invariant', () => {
    fc.assert(
      fc.property(factCase, (c) => {
        const v = violations(c);
        if (v.length) throw new Error(`${JSON.stringify(c.axes)}\n${v.map((x) => `${x.invariant}: ${x.detail}`).join('\n')}`);
      }),
      { numRuns: 250 },
    );
  }, 180_000);

  // The invariants themselves must be able to fail: each is broken on purpose by a page that today's
  // wording would have got wrong, and each check must then report it.
  const base: Axes = {
    browser: 'firefox', scheme: 'https', hops: 'none', cert: 'verified', chain: 'built-in', content: 'all-https', route: 'direct',
    dns: 'not-used', ech: 'not-used', observed: 'network', failedThirdParty: false, thirdParties: 1, host: 'domain', tls: 'TLSv1.3',
  };
  it.each(Object.keys(INVARIANTS))('%s can fail', (name) => {
    const fn = INVARIANTS[name]!;
    const c = buildCase(base);
    // A rendered page that says every wrong thing at once.
    const wrong = document.createElement('main');
    wrong.innerHTML = `<ul><li class="item item-yes content">encrypted</li><li class="item item-yes identity">verified</li></ul>
      <p class="why">Your network can still see which server you connect to. Others on your network can read and change this page. which others on the network could read or change</p>
      <dl class="where"><dt>Server IP address</dt><dd>1.2.3.4</dd></dl>
      <table><tr data-observer="network"><td data-subject="visit" data-value="sees"></td><td data-subject="content" data-value="does-not-see"></td><td data-subject="ip" data-value="sees"></td></tr>
      <tr data-observer="tor"><td data-subject="visit" data-value="sees"></td><td data-subject="content" data-value="does-not-see"></td><td data-subject="ip" data-value="sees"></td></tr></table>
      <p>Tor relays cannot read HTTPS content. Parts of this page are not encrypted. The first request went over plain HTTP. Third parties (9). not available in this browser. ?token=SECRET</p>`;
    const r = { root: wrong, text: wrong.textContent ?? '' };
    const cases: Partial<Axes>[] = [
      { chain: 'added' }, { chain: 'added', content: 'http-loaded' }, { route: 'tor' }, { route: 'tor', cert: 'overridden' }, { route: 'https-proxy' },
      { content: 'http-blocked' }, { route: 'http-proxy' }, { scheme: 'http', route: 'https-proxy' }, { hops: 'http-upgrade-internal' },
      { failedThirdParty: true }, {}, { host: 'lookalike' }, { scheme: 'http' },
    ];
    const caught = cases.some((patch) => fn(buildCase({ ...base, ...patch }), r) !== undefined);
    expect(caught, `${name} never fails on a page that breaks it`).toBe(true);
    expect(c.view.url).toContain('SECRET'); // the generated views do carry a secret query, so the check is meaningful
  });
});
