import { hasFinding } from '@/utils/assess/posture';
import type { Seeing } from '@/utils/assess/exposure';
import { formatDate, messageKey, tlsVersionLabel } from '@/utils/format';
import { t } from '@/utils/i18n';
import type { CertificateFacts, ConnectionSecurity } from '@/utils/page-view';
import { missing, Reason, type ReportContext } from './context';
import { Item, Pair } from './Item';
import type { ShapeKind } from './Shape';
import { Inert, Msg, tOr } from './text';

// "Protected here": what HTTPS does for this page, from this connection's facts.
// source: what-https-hides.md "Protected by HTTPS" (RFC 8446 §1: content and integrity; certificates
// bind the name to a key; RFC 6962/9162: CT makes mis-issuance detectable, not impossible).

const CONTENT_SHAPE: Record<Seeing, ShapeKind> = {
  'does-not-see': 'yes',
  sees: 'no',
  partly: 'warn',
  'may-see': 'warn',
  unknown: 'unknown',
  'if-used': 'unknown',
};

const SHORT: Record<string, string> = { tlsContentNoRoot: 'tlsContent', customRoot: 'customRootShort' };

export function Protected({ ctx }: { ctx: ReportContext }) {
  const content = ctx.exp.pathContent ?? ctx.exp.rows[0]!.content;
  const insecure = hasFinding(ctx.posture, 'insecure-requests')?.hosts ?? [];
  // The first line stays short enough for the popup; the whole sentence goes in the details.
  const shorter = SHORT[content.reason];
  const short = shorter ? { ...content, reason: shorter } : content;
  return (
    <section class="sec" aria-labelledby="h-protected">
      <h2 id="h-protected">{t('heading_protected')}</h2>
      <ul class="items">
        <Item kind={CONTENT_SHAPE[content.value]} class="content" line={<Reason ctx={ctx} cell={short} fixed />}>
          {short !== content && <p><Reason ctx={ctx} cell={content} /></p>}
          {insecure.length > 0 && (
            <>
              <p>{t('label_insecureHosts')}</p>
              <ul class="plain">{insecure.map((h) => <li><Inert value={h} /></li>)}</ul>
            </>
          )}
          <p>{t('explain_content')}</p>
        </Item>
        <ServerIdentity ctx={ctx} />
      </ul>
    </section>
  );
}

function certName(c: CertificateFacts | undefined): string | undefined {
  return c?.subjectCommonName || c?.subjectAltNames?.[0] || c?.subject || undefined;
}
function issuerName(c: CertificateFacts | undefined): string | undefined {
  return c?.issuerCommonName || c?.issuer || undefined;
}

function ServerIdentity({ ctx }: { ctx: ReportContext }) {
  const { posture, view } = ctx;
  const v = posture.verdict;
  const sec = view.main?.security;
  const certs = Array.isArray(sec?.certificates) ? sec!.certificates : [];
  const leaf = certs[0];
  if (v === 'local') return <Item kind="info" line={t('identity_local')} />;
  if (v === 'onion') return <Item kind="yes" line={t('identity_onion')} />;
  if (posture.scheme === 'http') return <Item kind="no" class="identity" line={t('identity_none')} />;
  if (v === 'unknown') return <Item kind="unknown" class="identity" line={t('identity_unknown')}><HowToSee ctx={ctx} /></Item>;

  let kind: ShapeKind = 'yes';
  let line = <Msg k="identity_verified" subs={[<Inert value={certName(leaf) ?? t('value_unknown')} max={40} fixed />]} />;
  if (v === 'cert-error') {
    kind = 'no';
    const over = hasFinding(posture, 'certificate-override')?.category;
    line = over ? <Msg k="identity_overridden" subs={[overrideWords(over)]} /> : <>{t('identity_failed')}</>;
  } else if (v === 'custom-root') {
    kind = 'warn';
    line = <Msg k="identity_customRoot" subs={[<Inert value={hasFinding(posture, 'custom-root')?.root} max={40} fixed />]} />;
  } else if (!leaf) {
    kind = 'info';
    line = <>{t('identity_browserChecked')}</>;
  }
  return (
    <Item kind={kind} class="identity" line={line}>
      <CertificateList ctx={ctx} sec={sec} leaf={leaf} />
      <p>{t('explain_identity')}</p>
      {!leaf && <HowToSee ctx={ctx} />}
    </Item>
  );
}

const overrideWords = (category: string) => tOr(`override_${messageKey(category)}`, category);

function CertificateList({ ctx, sec, leaf }: { ctx: ReportContext; sec: ConnectionSecurity | undefined; leaf: CertificateFacts | undefined }) {
  const { caps } = ctx;
  const certs = sec?.certificates ?? [];
  const root = sec?.chainComplete && certs.length > 1 ? certs[certs.length - 1] : undefined;
  const noCert = missing(caps, 'certificate');
  return (
    <dl class="facts cert">
      <Pair label={t('label_tls')} class="tls">{tlsVersionLabel(sec?.protocol) ?? missing(caps, 'tls-version')}</Pair>
      <Pair label={t('label_issuedTo')} class="issued-to">{certName(leaf) ? <Inert value={certName(leaf)} /> : noCert}</Pair>
      <Pair label={t('label_issuedBy')} class="issued-by">{issuerName(leaf) ? <Inert value={issuerName(leaf)} /> : noCert}</Pair>
      <Pair label={t('label_validUntil')} class="valid-until">{formatDate(leaf?.notAfter, t('locale_code')) ?? noCert}</Pair>
      <Pair label={t('label_ct')} class="ct">{ctWords(sec, leaf) ?? noCert}</Pair>
      {root && (
        <Pair label={t('label_root')} class="root">
          <Inert value={certName(root)} /> {t(root.isBuiltInRoot === false ? 'value_rootAdded' : root.isBuiltInRoot ? 'value_rootBuiltIn' : 'value_unknown')}
        </Pair>
      )}
    </dl>
  );
}

function ctWords(sec: ConnectionSecurity | undefined, leaf: CertificateFacts | undefined): string | undefined {
  const ct = sec?.certificateTransparency;
  if (typeof ct === 'string' && ct) return tOr(`ct_${messageKey(ct)}`, ct);
  if (typeof leaf?.sctCount === 'number') return t('ct_embedded', [String(leaf.sctCount)]);
  return undefined;
}

/** Where the browser keeps what it does not tell extensions: the person can look for themselves. */
function HowToSee({ ctx }: { ctx: ReportContext }) {
  const chrome = ctx.caps.browser === 'chrome';
  return (
    <>
      <p>{t(chrome ? 'howto_certChrome' : 'howto_certFirefox')}</p>
      {chrome && ctx.caps.securityInfo !== 'chrome-flag' && <p>{t('howto_flagChrome')}</p>}
    </>
  );
}
