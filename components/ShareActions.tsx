import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { Posture } from '@/utils/assess/posture';
import type { Capabilities } from '@/utils/capabilities';
import type { PageView } from '@/utils/page-view';
import type { Marks } from '@/utils/report';

/** What an export is made of: the same data the report renders. */
export interface ShareData {
  view: PageView;
  posture: Posture;
  caps: Capabilities;
  marks: Marks;
}

// Copy as text, Copy as Markdown, Save as JSON (and Print on the tab page), with the two redaction
// choices. The export code loads when the person points at or focuses these controls, so a click finds
// it ready and the copy stays inside the click's user activation.

type Status = { kind: 'idle' } | { kind: 'done'; key: string } | { kind: 'failed' };

const load = () => import('./share-run');

/**
 * Paper has no disclosures: every closed one is opened for printing (the print button or the browser's
 * own Print command) and closed again afterwards.
 */
function usePrintOpensDetails(active: boolean | undefined) {
  useEffect(() => {
    if (!active) return;
    let opened: HTMLDetailsElement[] = [];
    const before = () => {
      opened = [...document.querySelectorAll<HTMLDetailsElement>('details:not([open])')];
      for (const d of opened) d.open = true;
    };
    const after = () => {
      for (const d of opened) d.open = false;
      opened = [];
    };
    addEventListener('beforeprint', before);
    addEventListener('afterprint', after);
    return () => {
      removeEventListener('beforeprint', before);
      removeEventListener('afterprint', after);
    };
  }, [active]);
}

export function ShareActions({ data, page }: { data: ShareData; page?: boolean }) {
  const [cookieNames, setCookieNames] = useState(false);
  const [omitAddresses, setOmitAddresses] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const redaction = { cookieNames, addresses: !omitAddresses };
  usePrintOpensDetails(page);
  const copy = (format: 'text' | 'markdown') => () =>
    void load()
      .then((m) => m.copyShare(format, data, redaction))
      .then(() => setStatus({ kind: 'done', key: 'share_copied' }), () => setStatus({ kind: 'failed' }));
  const save = () =>
    void load()
      .then((m) => m.saveShare('json', data, redaction))
      .then(() => setStatus({ kind: 'done', key: 'share_saved' }), () => setStatus({ kind: 'failed' }));
  return (
    <section class="share" aria-label={t('share_label')} onPointerEnter={() => void load()} onFocusCapture={() => void load()}>
      <div class="share-buttons">
        <button type="button" class="copy-text" onClick={copy('text')}>{t('share_copyText')}</button>
        <button type="button" class="copy-markdown" onClick={copy('markdown')}>{t('share_copyMarkdown')}</button>
        <button type="button" class="save-json" onClick={save}>{t('share_saveJson')}</button>
        {page && <button type="button" class="print" onClick={() => window.print()}>{t('share_print')}</button>}
      </div>
      <div class="share-options">
        <label><input type="checkbox" class="cookie-names" checked={cookieNames} onChange={(e) => setCookieNames(e.currentTarget.checked)} /> {t('share_cookieNames')}</label>
        <label><input type="checkbox" class="omit-addresses" checked={omitAddresses} onChange={(e) => setOmitAddresses(e.currentTarget.checked)} /> {t('share_omitAddresses')}</label>
      </div>
      <p class="share-status" role="status" aria-live="polite" data-status={status.kind}>
        {status.kind === 'done' ? t(status.key) : status.kind === 'failed' ? t('share_failed') : ''}
      </p>
    </section>
  );
}
