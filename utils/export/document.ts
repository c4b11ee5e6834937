import { availability, type Capabilities, type Fact } from '../capabilities';
import { messageKey } from '../format';
import { SEVERITY } from '../assess/posture';
import { t } from '../i18n';
import type { Detail, Report, Statement, Tone } from '../report';
import { SUBJECTS, type Observer } from '../report';
import { reasonParts } from '../report/connection';
import type { ExportInput } from './input';
import { findingSentence, headerFactLines, omittedWord, part, sentence, value, type Quote, type Words } from './words';

// The report as a document of words, for the text and Markdown exports: the same sections, in the same
// order, as the popup (components/Report.tsx), every sentence from the report model. The formats differ
// only in how they mark headings, lists, tables and page-controlled values.

export interface Line {
  /** A mark for the tone (✓ ✕ ⚠ ℹ ?), as the popup's shapes. */
  mark?: string;
  text: string;
  sub?: Line[];
}

export interface Section {
  heading: string;
  lines: Line[];
  table?: { head: string[]; rows: string[][] };
}

export interface Doc {
  title: string;
  headline: string[];
  sections: Section[];
  footer: string[];
}

const MARK: Record<Tone, string> = { protected: '✓', exposed: '✕', warning: '⚠', info: 'ℹ', unknown: '?' };
const SEVERITY_MARK = { bad: '✕', warn: '⚠', info: 'ℹ' } as const;

/** Facts a browser may not give, in the order a reader would ask about them. */
const MAYBE_MISSING: Fact[] = ['certificate', 'certificate-chain', 'tls-version', 'certificate-override', 'custom-root', 'encrypted-dns', 'ech', 'proxy'];

/** What this browser could not tell Onlooker (the facts whose availability is not "available"). */
export function notAvailable(caps: Capabilities): Fact[] {
  return MAYBE_MISSING.filter((f) => availability(caps, f) !== 'available');
}

function detailLines(w: Words, d: Detail): Line[] {
  switch (d.kind) {
    case 'text':
      return [{ text: sentence(w, d.key, d.parts) }];
    case 'pairs':
      return d.pairs.map((p) => ({ text: `${t(p.label)}: ${p.value.map((v) => part(w, v)).join(' ')}` }));
    case 'list':
      return [{ text: t(d.key), sub: d.items.map((h) => ({ text: value(w, h) })) }];
  }
}

/** Every host of the page (the report's host table): party and addresses; failed hosts apart. */
function hostLines(w: Words, r: Report): Line[] {
  const h = r.hosts;
  if (h.state !== 'listed') return [];
  const party = (p: 'first' | 'third') => t(p === 'first' ? 'party_first' : 'party_third');
  const ips = (list: { text: string }[]) => (list.length ? list.map((a) => value(w, a.text)).join(', ') : t('value_ipUnknown'));
  const out: Line[] = h.rows.map((row) => ({ text: `${value(w, row.host)} (${party(row.party)}): ${ips(row.addresses)}` }));
  if (h.more > 0) out.push({ text: t('hosts_more', [String(h.more)]) });
  if (h.omittedRequests > 0) out.push({ text: t('hosts_omitted', [String(h.omittedRequests)]) });
  if (h.failed.length) out.push({ text: t('hosts_failed'), sub: h.failed.map((f) => ({ text: value(w, f.host) })) });
  return out;
}

function statementLine(w: Words, s: Statement): Line {
  const sub = (s.details ?? []).flatMap((d) => detailLines(w, d));
  return { mark: MARK[s.tone], text: sentence(w, s.key, s.parts), ...(sub.length ? { sub } : {}) };
}

function whoSection(w: Words, r: Report): Section {
  const parts = reasonParts(r.facts);
  const label = (o: Observer) => (o === 'third-parties' ? t('observer_thirdParties', [String(r.facts.thirdParties)]) : t(`observer_${messageKey(o)}`));
  return {
    heading: t('heading_who'),
    table: { head: ['', ...SUBJECTS.map((s) => t(`subject_${s}`))], rows: r.who.map((row) => [label(row.observer), ...SUBJECTS.map((s) => t(`seeing_${messageKey(row[s].value)}`))]) },
    lines: [
      {
        text: t('who_why'),
        sub: r.who.map((row) => ({
          text: label(row.observer),
          sub: [...new Set(SUBJECTS.map((s) => row[s].reason))].map((reason) => ({ text: sentence(w, `reason_${reason}`, parts) })),
        })),
      },
    ],
  };
}

export function buildDoc(input: ExportInput, r: Report, quote: Quote): Doc {
  const { caps, redact, meta } = input;
  const w: Words = { caps, redact, quote, lang: t('locale_code') };
  const h = r.headline;
  const host = r.where?.host.unicode ?? r.facts.host.unicode;
  const sections: Section[] = [];
  const where: Line[] = [];
  if (r.where) {
    const wh = r.where;
    if (wh.lookalike) where.push({ text: `${t('label_punycode')}: ${value(w, wh.host.ascii)}` }, { text: `${t('label_unicode')}: ${value(w, wh.host.unicode)}` });
    else {
      where.push({ text: `${t('label_host')}: ${value(w, wh.host.unicode)}` });
      if (wh.host.unicode !== wh.host.ascii) where.push({ text: `${t('label_punycode')}: ${value(w, wh.host.ascii)}` });
    }
    where.push({ text: `${t(wh.addressLabel)}: ${wh.address ? value(w, wh.address) : t('value_unknown')}` });
    if (wh.lookalike) where.push({ mark: '⚠', text: t('warn_lookalike') });
  }
  where.push({ text: `${t('export_page')}: ${value(w, redact.url(input.view?.url ?? input.posture.url))}` });
  sections.push({ heading: t('export_where'), lines: where });
  if (r.applies) {
    sections.push({ heading: t('heading_connection'), lines: r.connection.map((s) => statementLine(w, s)) });
    sections.push({ heading: t('heading_visible'), lines: r.visible.map((s) => statementLine(w, s)) });
    const hosts = hostLines(w, r);
    if (hosts.length) sections.push({ heading: t('hostTable_heading'), lines: hosts });
  }
  const findingLine = (f: Report['notes'][number]) => ({ mark: SEVERITY_MARK[f.id === 'header' ? 'info' : severityOf(f.id)], text: findingSentence(w, f) });
  if (r.notes.length) sections.push({ heading: t('notes_label'), lines: r.notes.map(findingLine) });
  if (r.applies) {
    sections.push(whoSection(w, r));
    if (r.help?.firstKey || r.help?.routeKey) {
      const lines: Line[] = [];
      if (r.help.firstKey) lines.push({ text: t(r.help.firstKey) });
      if (r.help.routeKey) lines.push({ text: sentence(w, r.help.routeKey, reasonParts(r.facts)) });
      sections.push({ heading: t(r.help.headingKey), lines });
    }
  }
  const more: Line[] = r.more.map(findingLine);
  if (r.headers.length || r.headerScore) {
    more.push({
      text: r.headerScore ? t('headers_score', [String(r.headerScore.total), r.headerScore.grade]) : t('headers_heading'),
      sub: r.headers.map((f) => {
        const facts = headerFactLines(w, f.facts);
        return { mark: f.points > 0 ? '✓' : f.points < 0 ? '⚠' : 'ℹ', text: findingSentence(w, f), ...(facts.length ? { sub: facts.map((text) => ({ text })) } : {}) };
      }),
    });
  }
  if (more.length) sections.push({ heading: t('heading_more'), lines: more });

  const missing = notAvailable(caps);
  const footer = [
    missing.length ? t('export_notAvailable', [missing.map((f) => t(`export_fact_${messageKey(f)}`)).join(', ')]) : t('export_allAvailable'),
    t('export_redactedQueries'),
    t(redact.options.cookieNames ? 'export_cookieNamesIncluded' : 'export_cookieNamesOmitted'),
    ...(redact.options.addresses ? [] : [t('export_addressesOmitted', [omittedWord()])]),
    t('export_made', [meta.version, meta.browser, meta.dateText]),
  ];
  return { title: t('export_title', [value(w, host)]), headline: [t(`verdict_${h.verdictKey}`), t(`why_${h.whyKey}`), ...(h.actionKey ? [t(`do_${h.actionKey}`)] : [])], sections, footer };
}

const severityOf = (id: keyof typeof SEVERITY) => SEVERITY[id] ?? 'info';
