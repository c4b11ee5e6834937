import { reasonParts } from './connection';
import { count } from './count';
import type { PageView } from '../page-view';
import { addressLabel, type ConnectionFacts, type Tristate } from './facts';
import type { Pair, Statement, Tone } from './statement';
import { shortened } from './short-lines';
import { networkVisit } from './who-sees';

// Loaded after the popup's first paint (it fills the compact rows' disclosures): the export and report() have it at once.
// "Still visible": where you go (what your network learns of the destination) and who you are (what
// the site and its third parties learn of you). HTTPS changes neither.
// source: what-https-hides.md "Not protected by HTTPS": your IP, cookies and what you submit reach the
// site and every third party; the network sees the server IP, the hostname (DNS unless DoH/DoT,
// RFC 8484/7858; SNI unless ECH, RFC 9849), and timing and sizes (RFC 8446 §5.4); OCSP tells the CA.

const DNS_WORDS: Record<Tristate, string> = {
  used: 'dns_used',
  'not-used': 'dns_notUsed',
  unknown: 'value_unknown',
  unavailable: 'dns_unavailable',
  'not-applicable': 'dns_notApplicable',
};
const ECH_WORDS: Record<Tristate, string> = {
  used: 'ech_used',
  'not-used': 'ech_notUsed',
  unknown: 'value_unknown',
  unavailable: 'value_unavailable',
  'not-applicable': 'ech_notApplicable',
};

/** Behind Tor or an https proxy, a name left in the handshake is readable only past that hop. */
function sniWords(f: ConnectionFacts): string {
  const tor = f.route.kind === 'tor';
  if (f.ech === 'not-applicable') return f.scheme === 'http' && !f.host.onion ? (tor ? 'ech_httpTor' : 'ech_http') : 'ech_notApplicable';
  if (f.ech === 'not-used' && tor) return 'ech_notUsedTor';
  if (f.ech === 'not-used' && f.route.kind === 'proxy' && f.route.protocol === 'https') return 'ech_notUsedPastProxy';
  return ECH_WORDS[f.ech];
}

function dnsWords(f: ConnectionFacts): string {
  return f.dnsByProxy && f.encryptedDns !== 'not-applicable' ? 'dns_viaProxy' : DNS_WORDS[f.encryptedDns];
}

function metadata(f: ConnectionFacts): Pair[] {
  const ip: Pair = { label: addressLabel(f), cls: 'meta-ip', value: [f.address ? { text: f.address, max: 45 } : { msg: 'value_unknown' }] };
  if (f.host.loopback) return [ip];
  const pairs: Pair[] = [
    { label: 'label_dns', cls: 'dns', value: [{ msg: dnsWords(f) }] },
    { label: 'label_sni', cls: 'sni', value: [{ msg: sniWords(f) }] },
  ];
  if (f.certificateInClear) pairs.push({ label: 'label_certificate', cls: 'cert-clear', value: [{ msg: 'value_certificateInClear' }] });
  pairs.push(ip, { label: 'label_traffic', cls: 'traffic', value: [{ msg: 'value_trafficVisible' }] });
  if (f.ocsp) pairs.push({ label: 'label_ocsp', cls: 'ocsp', value: [{ msg: 'value_ocspUsed' }] });
  return pairs;
}

const SEEING_TONE: Record<string, Tone> = { 'does-not-see': 'protected', partly: 'warning', likely: 'exposed', unknown: 'unknown' };

function destinationStatement(f: ConnectionFacts): Statement {
  const visit = networkVisit(f);
  return {
    id: 'destination',
    key: `reason_${visit.reason}`,
    parts: reasonParts(f),
    tone: f.host.loopback ? 'info' : SEEING_TONE[visit.value] ?? 'exposed',
    about: 'destination',
    rests: ['route', 'dns', 'ech', 'tls', 'host', 'scheme'],
    details: [{ kind: 'pairs', cls: 'meta', pairs: metadata(f) }],
  };
}

function youStatement(f: ConnectionFacts): Statement {
  const r = f.route;
  const key = f.host.loopback
    ? f.thirdParties ? 'you_local' : 'you_localAlone'
    : f.host.onion
      ? 'you_onion'
      : f.observed !== 'network'
        ? 'you_notObserved'
        : r.kind === 'tor'
          ? 'you_tor'
          : r.kind === 'proxy'
            ? r.onDevice ? 'you_direct' : 'you_proxy'
            : r.kind === 'direct' ? 'you_direct' : 'you_unknown';
  return {
    id: 'you',
    key,
    parts: reasonParts(f),
    tone: 'info',
    about: 'you',
    rests: ['route', 'hosts', 'observed'],
    details: [{ kind: 'text', key: 'explain_you' }],
  };
}

/** What the tab's stored record had to leave out (utils/storage/budget.ts), said rather than hidden. */
function notKeptStatement(view: PageView): Statement | undefined {
  const n = view.notKept;
  if (!n || typeof n !== 'object') return undefined;
  if (n.minimal) return { id: 'not-kept', key: 'notKept_minimal', tone: 'info', about: 'notice', rests: ['hosts'] };
  const values = count(n.headerValues) + count(n.cookies);
  if (!(count(n.hosts) + values + count(n.samples))) return undefined;
  return {
    id: 'not-kept',
    key: 'notKept_some',
    parts: [{ count: count(n.hosts) }, { count: count(n.hostRequests) }, { count: values }, { count: count(n.samples) }],
    tone: 'info',
    about: 'notice',
    rests: ['hosts'],
  };
}

export function visibleStatements(view: PageView, f: ConnectionFacts): Statement[] {
  const out = [destinationStatement(f), youStatement(f)];
  const notKept = notKeptStatement(view);
  if (notKept) out.push(shortened(notKept));
  return out;
}
