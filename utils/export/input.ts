import type { Capabilities } from '../capabilities';
import type { PageView } from '../page-view';
import type { Posture } from '../assess/posture';
import type { Marks } from '../report';
import { DEFAULT_REDACTION, redactor, type Redaction, type Redactor } from './redact';

// What an export is made from: this tab's view and posture (the same the popup renders), this
// browser's capabilities, what the user's settings say about the page, and when and by what it was made.

export interface ExportMeta {
  /** Onlooker's version (`browser.runtime.getManifest().version`). */
  version: string;
  /** "Firefox 140", "Chrome 131": the browser the report was made in. */
  browser: string;
  /** When the export was made (ms since the epoch). */
  date: number;
  /** The same moment in the reader's language. */
  dateText: string;
}

export interface ExportInput {
  view: PageView;
  posture: Posture;
  caps: Capabilities;
  marks: Marks;
  meta: ExportMeta;
  redact: Redactor;
}

export { FORMATS, isFormat, type ExportFormat } from './formats';

/** "Firefox 140" from a user agent; the browser's name alone where the string says nothing usable. */
export function browserLabel(caps: Capabilities, userAgent: string): string {
  const ua = typeof userAgent === 'string' ? userAgent : '';
  const m = caps.browser === 'firefox' ? /Firefox\/(\d+)/.exec(ua) : /Edg\/(\d+)/.exec(ua) ?? /Chrom(?:e|ium)\/(\d+)/.exec(ua);
  const name = caps.browser === 'firefox' ? 'Firefox' : /Edg\//.test(ua) ? 'Edge' : 'Chrome';
  return m ? `${name} ${m[1]}` : name;
}

export function exportInput(
  data: { view: PageView; posture: Posture; caps: Capabilities; marks?: Marks },
  meta: Omit<ExportMeta, 'dateText'> & { dateText?: string },
  redaction: Redaction = DEFAULT_REDACTION,
): ExportInput {
  const dateText = meta.dateText ?? new Date(meta.date).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  return { ...data, marks: data.marks ?? {}, meta: { ...meta, dateText }, redact: redactor(data.view, data.posture, redaction) };
}
