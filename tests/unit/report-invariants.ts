import { availability } from '@/utils/capabilities';
import type { Part, Report, Statement, Tone } from '@/utils/report';
import { applies, type FactCase } from '../support/fact-space';

// What must hold for every report, whatever the combination of facts: the report model's invariants,
// written from ../shared/docs/what-https-hides.md ("Conditions that change the answer"). Each returns
// a sentence naming what is wrong, or nothing. The rendered popup is held to the same rules by
// tests/components/report-invariants.ts.

type Check = (c: FactCase, r: Report) => string | undefined;

const OPPOSITE: Partial<Record<Tone, Tone>> = { protected: 'exposed', exposed: 'protected' };
const all = (r: Report): Statement[] => [...r.connection, ...r.visible];
const byId = (r: Report, id: string) => all(r).find((s) => s.id === id);

function partsOf(r: Report): Part[] {
  const out: Part[] = [];
  const walk = (ps: Part[] | undefined) => {
    for (const p of ps ?? []) {
      out.push(p);
      if ('msg' in p) walk(p.parts);
    }
  };
  for (const s of all(r)) {
    walk(s.parts);
    for (const d of s.details ?? []) {
      if (d.kind === 'text') walk(d.parts);
      if (d.kind === 'pairs') for (const p of d.pairs) walk(p.value);
    }
  }
  return out;
}

export const INVARIANTS: Record<string, Check> = {
  /** Never two statements of opposite tone about the same subject. */
  'one-tone-per-subject': (c, r) => {
    const seen = new Map<string, Tone>();
    for (const s of all(r)) {
      const before = seen.get(s.about);
      if (before && OPPOSITE[before] === s.tone) return `${s.about}: ${before} and ${s.tone}`;
      seen.set(s.about, s.tone);
    }
  },
  /** No protected tone about content or identity when an added root, a certificate problem or plain http applies. */
  'no-protection-claimed-when-unprotected': (c, r) => {
    const f = applies(c.axes);
    if (f.special || !(f.addedRoot || f.certProblem || f.http)) return;
    for (const id of ['content', 'identity']) if (byId(r, id)?.tone === 'protected') return `${id} is protected although ${JSON.stringify({ addedRoot: f.addedRoot, certProblem: f.certProblem, http: f.http })}`;
  },
  /** The added root is named in the content statement, whatever else is wrong with the page. */
  'added-root-named': (c, r) => {
    const f = applies(c.axes);
    if (!f.addedRoot || f.special || f.certProblem) return;
    const content = byId(r, 'content');
    if (!content?.key.startsWith('reason_customRoot')) return `content says ${content?.key}`;
    if (byId(r, 'identity')?.key !== 'identity_customRoot') return `identity says ${byId(r, 'identity')?.key}`;
  },
  /** Nothing that needs a network response is claimed for a hop that had none. */
  'no-network-claim-without-response': (c, r) => {
    const first = byId(r, 'first-request');
    const hops = c.view.hops;
    const answered = hops.length > 1 && !!hops[0]?.ip;
    if (first?.key === 'firstRequest_network' && !answered) return 'first request said to have crossed the network, with no address';
    if (first && first.key !== 'firstRequest_network' && first.tone !== 'info') return `${first.key} is ${first.tone}`;
  },
  /** The address of a proxied request is the proxy's; it is the server's only where the browser says there is no proxy. */
  'no-server-ip-that-may-be-a-proxy': (c, r) => {
    const label = r.where?.addressLabel;
    if (label !== 'label_serverIp') return;
    if (r.facts.route.kind !== 'direct' && !r.facts.host.loopback) return `server IP claimed on route ${r.facts.route.kind}`;
  },
  /** Under Tor no single party is shown seeing both your IP address and where you go. */
  'tor-splits-what-relays-see': (c, r) => {
    if (!applies(c.axes).tor) return;
    for (const row of r.who) if (row.visit.value === 'sees' && row.ip.value === 'sees') return `${row.observer} sees both ends`;
    const guard = r.who.find((x) => x.observer === 'tor-guard');
    const exit = r.who.find((x) => x.observer === 'tor-exit');
    if (guard?.ip.value !== 'sees' || guard.visit.value !== 'does-not-see') return 'the guard is not shown seeing only your address';
    if (exit?.visit.value !== 'sees' || exit.ip.value !== 'does-not-see') return 'the exit is not shown seeing only the destination';
  },
  /** Tor relays not in use never look like they link you to the site. */
  'unused-tor-never-links-you': (c, r) => {
    for (const row of r.who.filter((x) => x.observer.startsWith('tor'))) {
      const linked = (v: string) => v === 'sees' || v === 'if-used';
      if (linked(row.visit.value) && linked(row.ip.value)) return `${row.observer}: ${row.visit.value} / ${row.ip.value}`;
    }
  },
  /** Through a Tor exit an unverified certificate is how a malicious exit reads HTTPS. */
  'tor-exit-may-read-unverified': (c, r) => {
    const f = applies(c.axes);
    if (!f.tor || !f.certProblem || c.axes.cert === 'refused') return;
    const exit = r.who.find((x) => x.observer === 'tor-exit');
    if (exit?.content.value !== 'may-see') return `exit content ${exit?.content.value}`;
  },
  /** The headline follows the route: under Tor or an https proxy it never says your network sees or reads it. */
  'headline-follows-route': (c, r) => {
    const f = applies(c.axes);
    if (f.special) return;
    const why = r.headline.whyKey;
    if ((f.tor || f.route === 'https-proxy') && (why === 'encrypted' || why === 'notEncrypted' || why === 'notEncryptedLan')) return `why_${why} on route ${f.route}`;
    // Per-site memory may add "it used HTTPS last time" to the popup's explanation; the toolbar title,
    // which never depends on memory, keeps the same sentence without it.
    const refined = why === 'notEncryptedWasEncrypted' && r.headline.titleKey === 'notEncrypted';
    if (r.headline.titleKey !== why && !refined) return 'the toolbar title and the headline disagree';
  },
  /** Blocked or upgraded references sent nothing in the clear: not told as exposure. */
  'blocked-references-are-not-exposure': (c, r) => {
    const f = applies(c.axes);
    if (!f.httpBlockedOnly || f.special) return;
    if (r.headline.whyKey === 'mixed' || r.headline.whyKey === 'mixedAddedRoot') return 'headline says parts went over http';
    if (byId(r, 'content')?.tone === 'exposed') return 'content is exposed';
    if (r.help?.firstKey === 'help_mixed') return 'help says parts are not encrypted';
  },
  /** Hosts whose every request failed saw nothing: never counted as contacted. */
  'failed-hosts-never-counted': (c, r) => {
    if (r.facts.contacted.some((h) => !(h.requests > 0))) return 'a host with no answered request is counted as contacted';
    if (c.axes.failedThirdParty && c.axes.observed === 'network' && !r.facts.failed.length) return 'the failed host is not listed apart';
  },
  /** The host table: failed hosts apart, this site first, bounded; a proxy's address never passed off as a server's. */
  'host-table-honest': (c, r) => {
    const t = r.hosts;
    const failed = new Set(r.facts.failed.map((h) => h.host));
    if (t.rows.some((row) => failed.has(row.host))) return 'a failed host is listed among the contacted ones';
    if (c.axes.failedThirdParty && c.axes.observed === 'network' && !t.failed.some((h) => h.host === 'blocked.tracker.test')) return 'the failed host is not listed apart';
    if (t.rows.length > 60) return `${t.rows.length} rows`;
    const firstThird = t.rows.findIndex((row) => row.party === 'third');
    if (firstThird >= 0 && t.rows.slice(firstThird).some((row) => row.party === 'first')) return 'a first-party host after a third party';
    const routed = r.facts.route.kind === 'proxy' || r.facts.route.kind === 'tor';
    if (routed && t.rows.some((row) => row.addressKey !== 'label_proxyIp')) return 'a proxied address labelled as not the proxy\'s';
    if (t.rows.some((row) => row.addressKey === 'label_serverIp') && r.facts.route.kind !== 'direct' && !r.facts.host.loopback) return 'server address claimed without a known direct route';
    if (c.caps.browser === 'chrome' && (t.tls !== 'unavailable' || t.rows.some((row) => row.tls))) return 'per-host TLS claimed in Chrome';
  },
  /** "Not available in this browser" only for facts this browser cannot give. */
  'unavailable-only-where-true': (c, r) => {
    for (const p of partsOf(r)) if ('missing' in p && availability(c.caps, p.missing) === 'available' && c.view.observed === 'network' && !p.missing) return p.missing;
    const dns = r.facts.encryptedDns;
    if ((dns === 'unavailable' || r.facts.ech === 'unavailable') && c.caps.browser === 'firefox') return 'Firefox said to be unable to tell DNS or ECH';
  },
  /** Page-controlled URLs are shown as origin and path, never with a query or fragment. */
  'no-query-or-fragment': (c, r) => {
    for (const p of partsOf(r)) if ('text' in p && /[?#]/.test(p.text) && /SECRET|token=/.test(p.text)) return p.text;
  },
  /** A whole-script look-alike is flagged, and shown punycode first. */
  'lookalike-flagged': (c, r) => {
    if (c.axes.host === 'lookalike' && !r.where?.lookalike) return 'not flagged';
    if (c.axes.host === 'idn' && r.where?.lookalike) return 'an ordinary IDN is flagged';
  },
  /** The compact rows say exactly what the table says, for the parties on this page's path. */
  'seen-is-the-table': (c, r) => {
    const tor = applies(c.axes).tor || c.axes.host === 'onion';
    for (const row of r.seen) {
      for (const s of row.seers) {
        // The root's holder may stand anywhere on the path: seen-names-root-holder checks it.
        if (s.party === 'root-holder') continue;
        const observer = s.party;
        const cell = r.who.find((w) => w.observer === observer)?.[row.subject];
        if (!cell || cell.value !== s.value) return `${row.subject}: ${s.party} ${s.value} but the table says ${cell?.value}`;
      }
      for (const w of r.who) {
        const v = w[row.subject].value;
        const inPlay = w.observer !== 'vpn' && (!w.observer.startsWith('tor') || tor);
        const listed = row.seers.some((s) => (s.party === 'root-holder' ? 'network' : s.party) === w.observer);
        if (inPlay && v !== 'does-not-see' && v !== 'if-used' && !listed) return `${row.subject}: ${w.observer} ${v} is left out`;
        if (!inPlay && listed) return `${row.subject}: ${w.observer} is listed though not in play`;
      }
    }
  },
  /** "Only the site reads it" is never said of a page whose content others can read. */
  'seen-content-protected-only-when-it-is': (c, r) => {
    const f = applies(c.axes);
    const content = r.seen.find((x) => x.subject === 'content');
    if (!content || content.tone !== 'protected') return;
    if (f.special) return;
    if (f.addedRoot || f.certProblem || f.http || f.httpLoaded) return `content protected although ${JSON.stringify({ addedRoot: f.addedRoot, certProblem: f.certProblem, http: f.http, httpLoaded: f.httpLoaded })}`;
    const odd = content.seers.find((s) => s.party !== 'site' && s.party !== 'third-parties');
    if (odd) return `content protected although ${odd.party} ${odd.value}`;
  },
  /** An added root's holder is named as the one who may read, whenever the chain ends in one. */
  'seen-names-root-holder': (c, r) => {
    const f = applies(c.axes);
    if (!f.addedRoot || f.special || f.certProblem || f.proxied) return;
    const content = r.seen.find((x) => x.subject === 'content');
    if (!content?.seers.some((s) => s.party === 'root-holder')) return `no root holder among ${content?.seers.map((s) => s.party).join(',')}`;
  },
};

export function check(c: FactCase, r: Report): string[] {
  return Object.entries(INVARIANTS).flatMap(([name, fn]) => {
    const d = fn(c, r);
    return d ? [`${name}: ${d}`] : [];
  });
}

/** Every message key a report refers to, for the locale check. */
export function keysOf(r: Report): string[] {
  const keys = [`verdict_${r.headline.verdictKey}`, `why_${r.headline.whyKey}`, `title_${r.headline.titleKey}`];
  if (r.headline.actionKey) keys.push(`do_${r.headline.actionKey}`);
  if (r.where) keys.push(r.where.addressLabel);
  for (const s of all(r)) {
    keys.push(s.key);
    for (const d of s.details ?? []) {
      keys.push(...(d.kind === 'pairs' ? d.pairs.map((p) => p.label) : [d.key]));
    }
  }
  for (const p of partsOf(r)) if ('msg' in p) keys.push(p.msg);
  for (const row of r.who) for (const cell of [row.visit, row.content, row.ip]) keys.push(`reason_${cell.reason}`);
  if (r.help) keys.push(r.help.headingKey, ...(r.help.firstKey ? [r.help.firstKey] : []), ...(r.help.routeKey ? [r.help.routeKey] : []));
  return keys;
}
