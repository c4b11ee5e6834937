import { applies, type FactCase } from '../support/fact-space';

// What the rendered report must never show, for any combination of facts. Each invariant is written
// from ../shared/docs/what-https-hides.md ("Conditions that change the answer") and reads only the
// rendered popup and the facts of the case, so that it judges what a person would read.
//
// The model-level invariants (tone per fact, facts each statement rests on) are in
// tests/unit/report-invariants.ts; these are their rendered counterparts.

export interface Rendered {
  root: Element;
  text: string;
}

export interface Violation {
  invariant: string;
  detail: string;
}

const cls = (r: Rendered, sel: string) => r.root.querySelector(sel);
const textOf = (r: Rendered, sel: string) => [...r.root.querySelectorAll(sel)].map((e) => e.textContent ?? '').join(' ').replace(/\s+/g, ' ');
const cell = (r: Rendered, observer: string, subject: string) =>
  r.root.querySelector(`tr[data-observer="${observer}"] td[data-subject="${subject}"]`)?.getAttribute('data-value') ?? undefined;
const rows = (r: Rendered) => [...r.root.querySelectorAll('tr[data-observer]')].map((tr) => tr.getAttribute('data-observer') ?? '');

type Check = (c: FactCase, r: Rendered) => string | undefined;

export const INVARIANTS: Record<string, Check> = {
  /** An added root, a certificate problem or plain http: nothing may tick content or identity. */
  'no-tick-on-content-or-identity-when-unprotected': (c, r) => {
    const f = applies(c.axes);
    if (f.special || !(f.addedRoot || f.certProblem || f.http)) return;
    for (const sel of ['.content.item-yes', '.identity.item-yes']) if (cls(r, sel)) return `${sel} shown although ${JSON.stringify({ addedRoot: f.addedRoot, certProblem: f.certProblem, http: f.http })}`;
    if (f.addedRoot && cell(r, 'network', 'content') === 'does-not-see' && !f.tor) return 'network row says it cannot read the content under an added root';
  },
  /** An added root is named where the connection's protection is stated, whatever else applies. */
  'added-root-named-in-connection': (c, r) => {
    const f = applies(c.axes);
    if (!f.addedRoot || f.special) return;
    const connection = textOf(r, '.content') + textOf(r, '.identity');
    if (!connection.includes('Corp Inspection Root')) return 'the added root is not named in the content or identity statement';
  },
  /** Under Tor, no single party is shown seeing both your IP address and where you go. */
  'tor-no-party-sees-both-ends': (c, r) => {
    if (!applies(c.axes).tor) return;
    for (const o of rows(r)) {
      if (cell(r, o, 'visit') === 'sees' && cell(r, o, 'ip') === 'sees') return `row ${o} sees both the visit and your IP under Tor`;
    }
  },
  /** A Tor row that is not in use must not look like it links you to the site. */
  'tor-row-never-links-you': (c, r) => {
    for (const o of rows(r).filter((x) => x.startsWith('tor'))) {
      const v = cell(r, o, 'visit');
      const ip = cell(r, o, 'ip');
      if ((v === 'sees' || v === 'if-used') && (ip === 'sees' || ip === 'if-used')) return `row ${o}: visit ${v}, ip ${ip}`;
    }
  },
  /** Through a Tor exit, an unverified certificate is how a malicious exit reads HTTPS. */
  'tor-exit-may-read-unverified': (c, r) => {
    const f = applies(c.axes);
    if (!f.tor || !f.certProblem || c.axes.cert === 'refused') return;
    if (/Tor relays cannot read HTTPS content/.test(r.text)) return 'says Tor relays cannot read HTTPS content with an unverified certificate';
    const exit = cell(r, 'tor-exit', 'content') ?? cell(r, 'tor', 'content');
    if (exit === 'does-not-see') return 'the exit relay is shown unable to read an unverified connection';
  },
  /** The headline's explanation follows the route: under Tor or an HTTPS proxy your network sees neither. */
  'headline-follows-route': (c, r) => {
    const f = applies(c.axes);
    if (!(f.tor || f.route === 'https-proxy') || f.special) return;
    const why = textOf(r, '.why');
    if (/Your network can still see which server/.test(why)) return `headline: ${why}`;
    if (/Others on your network can read and change/.test(why)) return `headline: ${why}`;
  },
  /** Blocked or upgraded http references sent nothing in the clear: no story of exposed content. */
  'blocked-mixed-content-is-not-exposure': (c, r) => {
    const f = applies(c.axes);
    if (!f.httpBlockedOnly || f.certProblem || f.addedRoot || f.special) return;
    if (/which others on the network could read or change|parts of it also came over plain HTTP/.test(textOf(r, '.why'))) return 'headline says blocked content could be read';
    if (/Parts of this page are not encrypted/.test(r.text)) return 'help says parts are not encrypted';
    if (cls(r, '.content.item-no')) return 'content shown as exposed';
  },
  /** The address the browser reports for a proxied request is the proxy's: never call it the server's. */
  'no-server-ip-that-is-a-proxy': (c, r) => {
    const f = applies(c.axes);
    if (!f.proxied || f.special) return;
    if (/Server IP address/.test(textOf(r, '.where'))) return 'the proxy address is labelled "Server IP address"';
  },
  /** An http page through an HTTPS proxy still travels in the clear after the proxy. */
  'http-through-proxy-is-not-protected': (c, r) => {
    const f = applies(c.axes);
    if (!f.http || !f.proxied) return;
    if (cls(r, '.content.item-yes')) return 'http page ticked as protected through a proxy';
  },
  /** An internal upgrade (HSTS, HTTPS-Upgrades) never reached the network: nothing was readable. */
  'internal-upgrade-sent-nothing': (c, r) => {
    if (!applies(c.axes).internalFirstHop) return;
    if (/first request went over plain HTTP/i.test(r.text)) return 'an internal upgrade is reported as a plain-HTTP request';
  },
  /** Hosts whose every request failed never saw the user: they are not counted among third parties. */
  'failed-hosts-not-counted': (c, r) => {
    if (!c.axes.failedThirdParty || c.axes.observed !== 'network') return;
    const m = /Third parties \((\d+)\)/.exec(r.text);
    const want = c.axes.thirdParties + (c.axes.content === 'http-loaded' ? 1 : 0);
    if (m && Number(m[1]) !== want) return `third parties counted ${m[1]}, want ${want}`;
  },
  /** In Firefox every fact is available: "not available in this browser" would be false. */
  'not-available-only-where-true': (c, r) => {
    if (c.caps.browser !== 'firefox') return;
    if (/not available in this browser/.test(r.text)) return 'Firefox report says "not available in this browser"';
  },
  /** Page-controlled URLs are shown as origin and path: no query string, no fragment. */
  'no-query-or-fragment': (c, r) => {
    if (/SECRET|token=|session=/.test(r.text)) return 'a query string or fragment is shown';
  },
  /** A whole-script look-alike is shown in its punycode form first, with a warning. */
  'lookalike-warned': (c, r) => {
    if (c.axes.host !== 'lookalike' || c.axes.observed === 'tab') return;
    if (!cls(r, '.lookalike')) return 'no look-alike warning for a whole-script confusable name';
  },
};

export function check(c: FactCase, r: Rendered): Violation[] {
  const out: Violation[] = [];
  for (const [invariant, fn] of Object.entries(INVARIANTS)) {
    const detail = fn(c, r);
    if (detail) out.push({ invariant, detail });
  }
  return out;
}
