import { t } from '../i18n';
import { report } from '../report';
import { buildDoc } from './document';
import type { ExportFormat, ExportInput } from './input';
import { OMITTED, toJson } from './json';
import { code, toMarkdown } from './markdown';
import { scrubOutput } from './redact';
import { toText } from './text';

// The report, ready to leave the popup: text (e-mail, chat), Markdown (tickets, articles) or JSON
// (tools), each rendered from the same report model the popup shows. Loaded on demand (a dynamic
// import when a share action is used), so none of it weighs on the popup's first paint.

export { browserLabel, exportInput, FORMATS, isFormat, type ExportFormat, type ExportInput, type ExportMeta } from './input';
export { DEFAULT_REDACTION, type Redaction } from './redact';
export { EXPORT_SCHEMA } from './version';

export const MIME: Record<ExportFormat, string> = { text: 'text/plain', markdown: 'text/markdown', json: 'application/json' };

export function exportReport(format: ExportFormat, input: ExportInput): string {
  const r = report(input.view, input.posture, input.caps, input.marks);
  const out = format === 'json' ? toJson(input, r) : format === 'markdown' ? toMarkdown(buildDoc(input, r, code)) : toText(buildDoc(input, r, (v) => v));
  // The renderers redact every value they place; this pass makes sure of it for the whole output.
  return scrubOutput(out, input.view, input.posture, input.redact.options, format === 'json' ? OMITTED : t('export_addressOmitted'));
}

/** A file name for the saved report: the site and the day, nothing else of the page. */
export function fileName(input: ExportInput, format: ExportFormat): string {
  const h = input.posture.host;
  const address = h.kind === 'ipv4' || h.kind === 'ipv6';
  const host = (address && !input.redact.options.addresses ? 'address' : h.ascii || 'page').replace(/[^A-Za-z0-9.-]/g, '_').slice(0, 80);
  const day = new Date(input.meta.date).toISOString().slice(0, 10);
  return `onlooker-${host}-${day}.${format === 'json' ? 'json' : format === 'markdown' ? 'md' : 'txt'}`;
}
