import { SEVERITY, type Finding } from '../assess/posture';
import type { Report } from '../report';
import type { ExportInput } from './input';
import { notAvailable } from './document';
import { EXPORT_SCHEMA } from './version';

// The JSON export (docs/export-schema.md, docs/export.schema.json): stable English keys, the report
// model's ids and facts, never words. Every string is redacted as the text formats are: URLs as origin
// and path, cookie names only when asked for, addresses as "[omitted]" when the user omits them.

export const OMITTED = '[omitted]';

const iso = (ms: unknown) => (typeof ms === 'number' && Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : null);
const str = (v: unknown) => (typeof v === 'string' ? v : null);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function findingFacts(f: Finding, input: ExportInput): Record<string, unknown> {
  const { id: _id, ...facts } = f as Finding & Record<string, unknown>;
  if (f.id === 'downgrade' || f.id === 'first-hop-http') return { ...facts, from: input.redact.url(f.from), to: input.redact.url(f.to) };
  if (f.id === 'header') {
    const kept = Object.fromEntries(Object.entries(f.facts ?? {}).filter(([k]) => input.redact.keepFact(k)));
    return { ...facts, facts: kept };
  }
  return facts;
}

function certificate(input: ExportInput, r: Report) {
  const sec = input.view?.main?.security;
  const certs = sec && Array.isArray(sec.certificates) ? sec.certificates : [];
  const leaf = certs[0];
  const root = r.facts.root;
  return {
    state: r.facts.certificate,
    root: root.kind === 'unknown' ? { kind: 'unknown' } : { kind: root.kind, name: root.name, ...(root.kind === 'added' && root.sha256 ? { sha256: root.sha256 } : {}) },
    protocol: str(sec?.protocol),
    certificateInClear: r.facts.certificateInClear,
    certificateTransparency: str(sec?.certificateTransparency),
    ocsp: r.facts.ocsp,
    chainLength: certs.length,
    leaf: leaf
      ? {
          subject: str(leaf.subjectCommonName) ?? str(leaf.subject),
          issuer: str(leaf.issuerCommonName) ?? str(leaf.issuer),
          subjectAltNames: Array.isArray(leaf.subjectAltNames) ? leaf.subjectAltNames.filter((n): n is string => typeof n === 'string') : [],
          notBefore: iso(leaf.notBefore),
          notAfter: iso(leaf.notAfter),
          sha256: str(leaf.sha256),
        }
      : null,
  };
}

const hostRow = (h: Report['facts']['contacted'][number]) => ({
  host: h.host,
  party: h.party === 'first' ? 'first' : 'third',
  requests: num(h.requests),
  errors: num(h.errors),
  schemes: Object.fromEntries(Object.entries(h.schemes ?? {}).filter(([, n]) => typeof n === 'number' && n > 0)),
  ips: Array.isArray(h.ips) ? h.ips.filter((ip): ip is string => typeof ip === 'string') : [],
});

const statement = (s: Report['connection'][number]) => ({ id: s.id, key: s.key, tone: s.tone, about: s.about, rests: s.rests });

/** Every string through the redactor: nothing page-controlled leaves unredacted, whatever key holds it. */
function redactAll(v: unknown, input: ExportInput): unknown {
  if (typeof v === 'string') return input.redact.value(v, OMITTED);
  if (Array.isArray(v)) return v.map((x) => redactAll(x, input));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redactAll(x, input)]));
  return v;
}

export function exportObject(input: ExportInput, r: Report): Record<string, unknown> {
  const { caps, meta, redact, posture } = input;
  const f = r.facts;
  const route = f.route.kind === 'proxy' ? { kind: 'proxy', protocol: f.route.protocol, onDevice: f.route.onDevice, proxy: f.route.proxy } : f.route.kind === 'tor' ? { kind: 'tor', proxy: f.route.proxy } : { kind: f.route.kind };
  const doc = {
    schema: EXPORT_SCHEMA,
    generator: { name: 'Onlooker', version: meta.version },
    createdAt: iso(meta.date),
    browser: { name: caps.browser, label: meta.browser, securityInfo: caps.securityInfo },
    redaction: { queries: 'removed', cookieNames: redact.options.cookieNames ? 'included' : 'omitted', addresses: redact.options.addresses ? 'included' : 'omitted' },
    page: {
      url: redact.url(input.view?.url ?? posture.url),
      scheme: f.scheme,
      host: f.host.ascii,
      hostUnicode: f.host.unicode,
      lookalike: !!r.where?.lookalike,
      address: r.where?.address ?? null,
      addressOf: (r.where?.addressLabel ?? 'label_connectedIp').replace(/^label_/, ''),
      observed: str(f.observed) ?? 'unknown',
    },
    verdict: { id: r.headline.verdict, why: r.headline.whyKey, action: r.headline.actionKey ?? null, applies: r.applies },
    statements: { connection: r.connection.map(statement), visible: r.visible.map(statement) },
    findings: posture.findings.filter((x) => x.id !== 'header').map((x) => ({ id: x.id, severity: SEVERITY[x.id] ?? 'info', facts: findingFacts(x, input) })),
    who: r.who.map((row) => ({ observer: row.observer, visit: row.visit, content: row.content, ip: row.ip })),
    hosts: { contacted: f.contacted.map(hostRow), failed: f.failed.map(hostRow), omittedRequests: num(input.view?.omittedRequests) },
    headers: {
      score: r.headerScore ? { total: r.headerScore.total, grade: r.headerScore.grade } : null,
      items: r.headers.map((h) => ({ test: h.test, result: h.result, points: num(h.points), facts: findingFacts(h, input).facts })),
    },
    certificate: certificate(input, r),
    route,
    dns: { encryptedDns: f.encryptedDns, ech: f.ech, byProxy: f.dnsByProxy },
    notAvailable: notAvailable(caps),
  };
  return redactAll(doc, input) as Record<string, unknown>;
}

export const toJson = (input: ExportInput, r: Report) => JSON.stringify(exportObject(input, r), null, 2) + '\n';
