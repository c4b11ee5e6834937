import browser from '@/utils/page-api';
import { browserLabel, exportInput, exportReport, fileName, MIME, type ExportFormat, type ExportInput, type Redaction } from '@/utils/export';
import { t } from '@/utils/i18n';
import type { Marks } from '@/utils/report';
import type { ShareData } from './ShareActions';

// The browser side of sharing: what this build and browser are, the clipboard, a file to save. Loaded
// with a dynamic import when a share action is used (or the export hook is opened), never at first paint.


function version(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return '?';
  }
}

function dateText(ms: number): string {
  try {
    return new Intl.DateTimeFormat(t('locale_code'), { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
  } catch {
    return new Date(ms).toISOString();
  }
}

export function shareInput(d: ShareData, redaction: Redaction, now = Date.now()): ExportInput {
  // Only what the settings say about this page; nothing else of them.
  const marks: Marks = { knownRoot: !!d.marks.knownRoot, quietHost: !!d.marks.quietHost };
  return exportInput({ view: d.view, posture: d.posture, caps: d.caps, marks }, { version: version(), browser: browserLabel(d.caps, navigator.userAgent), date: now, dateText: dateText(now) }, redaction);
}

export function renderShare(format: ExportFormat, d: ShareData, redaction: Redaction): string {
  return exportReport(format, shareInput(d, redaction));
}

/** Extension pages may write the clipboard from a click without the clipboardWrite permission. */
export async function copyShare(format: ExportFormat, d: ShareData, redaction: Redaction): Promise<void> {
  await navigator.clipboard.writeText(renderShare(format, d, redaction));
}

/** A Blob and `<a download>`: no `downloads` permission. */
export function saveShare(format: ExportFormat, d: ShareData, redaction: Redaction): void {
  const input = shareInput(d, redaction);
  const url = URL.createObjectURL(new Blob([exportReport(format, input)], { type: `${MIME[format]};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName(input, format);
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL by the next task; a minute is ample for slow disks.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
