import { shortened } from './short-lines';
import { messageKey, tlsVersionLabel } from '../format';
import type { CertificateFacts, PageView } from '../page-view';
import { hasFinding, type Posture } from '../assess/posture';
import { originAndPath } from './display';
import { unverified, type ConnectionFacts } from './facts';
import { text, type Detail, type Pair, type Part, type Statement, type Tone } from './statement';
import { pathContent, type Cell } from './who-sees';

// "Connection": what protects what you read and send on this page, and who vouched for the server.
// source: what-https-hides.md "Protected by HTTPS" (RFC 8446 §1: content and integrity; certificates
// bind the name to a key; RFC 6962/9162: CT makes mis-issuance detectable, not impossible) and
// "Conditions that change the answer" (added roots, certificate overrides, internal upgrades, mixed
// content the browser blocked, proxies).

const CELL_TONE: Record<Cell['value'], Tone> = {
  'does-not-see': 'protected',
  sees: 'exposed',
  partly: 'warning',
  likely: 'warning',
  'may-see': 'warning',
  unknown: 'unknown',
  'if-used': 'info',
};

/** The live parts every `reason_*` message may use, always in this order: $IP$ $HOST$ $COUNT$ $PROXY$ $ROOT$. */
export function reasonParts(f: ConnectionFacts): Part[] {
  const p = f.route.kind === 'proxy' || f.route.kind === 'tor' ? f.route.proxy : undefined;
  return [
    text(f.address, 45, 'ip'),
    text(f.host.unicode, 40, 'hostname'),
    { count: f.thirdParties },
    p ? { text: `${p.type} ${p.host}:${p.port}`, max: 40 } : { msg: 'value_unknown' },
    f.root.kind === 'added' ? { text: f.root.name, max: 40 } : { msg: 'value_unknown' },
  ];
}

/** A shorter first line for the popup; the whole sentence goes in the details. */
const SHORT: Record<string, string> = { tlsContentNoRoot: 'tlsContent', customRoot: 'customRootShort' };

function contentStatement(f: ConnectionFacts, knownRoot: boolean): Statement {
  const c = pathContent(f);
  // A root the user expects still reads everything: said first, naming it as the one they marked.
  const short = c.reason === 'customRoot' && knownRoot ? 'customRootKnown' : SHORT[c.reason];
  const details: Detail[] = [];
  if (short) details.push({ kind: 'text', key: `reason_${c.reason}`, parts: reasonParts(f) });
  // An added root or an unverified server is worse than http parts, but the parts are still said.
  if (c.reason !== 'mixedRequests' && f.content.httpHosts.length) details.push({ kind: 'text', key: 'reason_mixedRequests', parts: reasonParts(f) });
  if (f.content.httpHosts.length) details.push({ kind: 'list', key: 'label_insecureHosts', items: f.content.httpHosts });
  details.push({ kind: 'text', key: 'explain_content' });
  // A loopback page is not protected by HTTPS but by where it runs; a page stopped at the certificate
  // warning exchanged nothing: both are calm facts, not a tick.
  const tone = f.host.loopback || f.certificate === 'stopped' ? 'info' : CELL_TONE[c.value];
  return { id: 'content', key: `reason_${short ?? c.reason}`, parts: reasonParts(f), tone, about: 'content', rests: ['scheme', 'certificate', 'root', 'route', 'content', 'host'], details };
}

function certName(c: CertificateFacts | undefined): string | undefined {
  return c?.subjectCommonName || c?.subjectAltNames?.[0] || c?.subject || undefined;
}
function issuerName(c: CertificateFacts | undefined): string | undefined {
  return c?.issuerCommonName || c?.issuer || undefined;
}

function certificatePairs(view: PageView, f: ConnectionFacts): Pair[] {
  const sec = view.main?.security;
  const certs = sec && Array.isArray(sec.certificates) ? sec.certificates : [];
  const leaf = certs[0];
  const ct = sec?.certificateTransparency;
  const ctPart: Part | undefined =
    typeof ct === 'string' && ct ? { msg: `ct_${messageKey(ct)}` } : typeof leaf?.sctCount === 'number' ? { msg: 'ct_embedded', parts: [{ count: leaf.sctCount }] } : undefined;
  const tls = tlsVersionLabel(sec?.protocol);
  const pairs: Pair[] = [
    { label: 'label_tls', cls: 'tls', value: [tls ? { text: tls } : { missing: 'tls-version' }] },
    { label: 'label_issuedTo', cls: 'issued-to', value: [certName(leaf) ? text(certName(leaf)) : { missing: 'certificate' }] },
    { label: 'label_issuedBy', cls: 'issued-by', value: [issuerName(leaf) ? text(issuerName(leaf)) : { missing: 'certificate' }] },
    { label: 'label_validUntil', cls: 'valid-until', value: [typeof leaf?.notAfter === 'number' ? { date: leaf.notAfter } : { missing: 'certificate' }] },
    { label: 'label_ct', cls: 'ct', value: [ctPart ?? { missing: 'certificate' }] },
  ];
  if (f.root.kind !== 'unknown' && certs.length > 1) {
    pairs.push({ label: 'label_root', cls: 'root', value: [text(f.root.name), { msg: f.root.kind === 'added' ? 'value_rootAdded' : 'value_rootBuiltIn' }] });
  }
  return pairs;
}

function howToSee(chrome: boolean, flag: boolean): Detail[] {
  const out: Detail[] = [{ kind: 'text', key: chrome ? 'howto_certChrome' : 'howto_certFirefox' }];
  if (chrome && !flag) out.push({ kind: 'text', key: 'howto_flagChrome' });
  return out;
}

function identityStatement(view: PageView, posture: Posture, f: ConnectionFacts, chrome: boolean, flag: boolean, knownRoot: boolean): Statement {
  const base = { id: 'identity', about: 'identity' as const, rests: ['scheme', 'certificate', 'root', 'host'] as Statement['rests'] };
  if (f.host.loopback) return { ...base, key: 'identity_local', tone: 'info' };
  if (f.host.onion) return { ...base, key: 'identity_onion', tone: 'protected' };
  if (f.scheme === 'http') return { ...base, key: 'identity_none', tone: 'exposed' };
  if (f.certificate === 'unknown') return { ...base, key: 'identity_unknown', tone: 'unknown', details: howToSee(chrome, flag) };

  const certs = view.main?.security?.certificates;
  const leaf = Array.isArray(certs) ? certs[0] : undefined;
  const details: Detail[] = [{ kind: 'pairs', cls: 'cert', pairs: certificatePairs(view, f) }, { kind: 'text', key: 'explain_identity' }];
  if (!leaf) details.push(...howToSee(chrome, flag));
  const over = hasFinding(posture, 'certificate-override')?.category;
  if (f.certificate === 'stopped') return { ...base, key: 'identity_failed', tone: 'warning', details };
  if (unverified(f)) {
    // Whoever holds an added root is named even when the certificate was also bypassed.
    if (over) return { ...base, key: 'identity_overridden', parts: [{ msg: `override_${messageKey(over)}` }], tone: 'exposed', details };
    return { ...base, key: f.certificate === 'proceeded' ? 'identity_proceeded' : 'identity_failed', tone: 'exposed', details };
  }
  if (f.root.kind === 'added') return { ...base, key: knownRoot ? 'identity_knownRoot' : 'identity_customRoot', parts: [text(f.root.name, 40)], tone: 'warning', details };
  if (!leaf) return { ...base, key: 'identity_browserChecked', tone: 'info', details };
  return { ...base, key: f.root.kind === 'built-in' ? 'identity_verified' : 'identity_verifiedNoRoot', parts: [text(certName(leaf), 40)], tone: 'protected', details };
}

/** The first request of an https page that began on http://, said only as far as the facts go. */
function firstRequestStatement(f: ConnectionFacts): Statement | undefined {
  const h = f.firstHop;
  if (h.kind === 'none') return undefined;
  const parts: Part[] = [text(originAndPath(h.from), 60)];
  const base = { id: 'first-request', about: 'first-request' as const, rests: ['hops'] as Statement['rests'], parts };
  if (h.kind === 'network') return { ...base, key: 'firstRequest_network', tone: 'warning' };
  if (h.kind === 'internal') return { ...base, key: 'firstRequest_internal', tone: 'info' };
  return { ...base, key: 'firstRequest_unconfirmed', tone: 'info' };
}

/** Forms that post over http, when the content statement speaks of something worse. */
function formStatement(f: ConnectionFacts, content: Statement): Statement | undefined {
  const n = f.content.insecureForms;
  if (!n || f.scheme !== 'https' || content.key === 'reason_insecureForm') return undefined;
  return { id: 'forms', key: 'forms_insecure', parts: [{ count: n }], tone: 'warning', about: 'forms', rests: ['content'] };
}

/** http references the browser blocked or upgraded: the site's defect, not the user's exposure. */
function referencesStatement(f: ConnectionFacts): Statement | undefined {
  const { activeRefs, passiveRefs, httpHosts } = f.content;
  if (f.scheme !== 'https' || !(activeRefs + passiveRefs) || f.certificate === 'stopped') return undefined;
  const loaded = httpHosts.length > 0;
  return {
    id: 'references',
    key: loaded ? 'references_someLoaded' : 'references_blocked',
    parts: [{ count: activeRefs + passiveRefs }],
    tone: 'info',
    about: 'references',
    rests: ['content'],
    details: [{ kind: 'text', key: 'references_explain' }],
  };
}

/** The user said plain http is expected here: the badge is off, and every statement below still holds. */
function quietStatement(f: ConnectionFacts, quietHost: boolean): Statement | undefined {
  if (!quietHost || f.scheme !== 'http') return undefined;
  return { id: 'expected', key: 'note_quietHost', tone: 'info', about: 'notice', rests: ['host'] };
}

export function connectionStatements(view: PageView, posture: Posture, f: ConnectionFacts, chrome: boolean, flag: boolean, marks: { knownRoot?: boolean; quietHost?: boolean } = {}): Statement[] {
  const content = contentStatement(f, !!marks.knownRoot);
  const out = [content, identityStatement(view, posture, f, chrome, flag, !!marks.knownRoot)];
  const quiet = quietStatement(f, !!marks.quietHost);
  if (quiet) out.push(quiet);
  for (const s of [firstRequestStatement(f), formStatement(f, content), referencesStatement(f)]) if (s) out.push(s);
  return out.map(shortened);
}
