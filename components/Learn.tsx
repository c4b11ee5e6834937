import { SUBJECTS } from '@/utils/report/who-sees';
import { VERDICTS } from '@/utils/assess/posture';
import { verdictKey } from '@/utils/assess/posture';
import { t } from '@/utils/i18n';

// The "learn more" page: the full reasoning behind each part of the report, with its sources. Every
// statement here is a general one from what-https-hides.md; the sources below are the ones it cites.

const SECTIONS = [
  ['verdicts', 'learn_h_verdicts', []],
  ['protected', 'learn_h_protected', ['learn_protected_content', 'learn_protected_identity', 'learn_protected_ct', 'learn_protected_hsts']],
  ['not-protected', 'learn_h_notProtected', ['learn_np_ip', 'learn_np_name', 'learn_np_timing', 'learn_np_ocsp', 'learn_np_quic', 'learn_np_you', 'learn_np_inspection']],
  ['who', 'learn_h_who', []],
  ['vpn', 'learn_h_vpn', ['vpn_changes', 'vpn_doesNot', 'vpn_fits']],
  ['tor', 'learn_h_tor', ['tor_changes', 'tor_doesNot', 'tor_fits', 'learn_tor_onion']],
  ['browsers', 'learn_h_browsers', ['learn_browsers_firefox', 'learn_browsers_chrome', 'learn_browsers_missing']],
  ['sources', 'learn_h_sources', []],
] as const;

/** Titles are the documents' own (in _locales, untranslated); links open only when the reader follows them. */
const SOURCES: [string, string][] = [
  ['source_rfc8446', 'https://www.rfc-editor.org/rfc/rfc8446'],
  ['source_rfc9001', 'https://www.rfc-editor.org/rfc/rfc9001'],
  ['source_rfc9849', 'https://www.rfc-editor.org/rfc/rfc9849'],
  ['source_rfc8484', 'https://www.rfc-editor.org/rfc/rfc8484'],
  ['source_rfc7858', 'https://www.rfc-editor.org/rfc/rfc7858'],
  ['source_rfc6797', 'https://www.rfc-editor.org/rfc/rfc6797'],
  ['source_rfc6962', 'https://www.rfc-editor.org/rfc/rfc6962'],
  ['source_rfc9162', 'https://www.rfc-editor.org/rfc/rfc9162'],
  ['source_rfc7686', 'https://www.rfc-editor.org/rfc/rfc7686'],
  ['source_rfc6761', 'https://www.rfc-editor.org/rfc/rfc6761'],
  ['source_torGlossary', 'https://support.torproject.org/glossary/'],
  ['source_torOnion', 'https://community.torproject.org/onion-services/'],
  ['source_mdnSecurityInfo', 'https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/webRequest/getSecurityInfo'],
  ['source_mdnSecureContexts', 'https://developer.mozilla.org/en-US/docs/Web/Security/Secure_Contexts'],
  ['source_chromeWebRequest', 'https://developer.chrome.com/docs/extensions/reference/api/webRequest'],
];

const SEEING = ['sees', 'partly', 'likely', 'maySee', 'doesNotSee', 'ifUsed', 'unknown'] as const;

export function Learn() {
  return (
    <main class="learn">
      <h1>{t('learn_title')}</h1>
      <p>{t('learn_intro')}</p>
      <nav aria-labelledby="toc">
        <h2 id="toc">{t('learn_toc')}</h2>
        <ul>
          {SECTIONS.map(([id, heading]) => (
            <li><a href={`#${id}`}>{t(heading)}</a></li>
          ))}
        </ul>
      </nav>
      {SECTIONS.map(([id, heading, paragraphs]) => (
        <section id={id} aria-labelledby={`h-${id}`}>
          <h2 id={`h-${id}`}>{t(heading)}</h2>
          {id === 'verdicts' && <Verdicts />}
          {id === 'who' && <Who />}
          {id === 'sources' && <Sources />}
          {paragraphs.map((key) => <p>{t(key)}</p>)}
        </section>
      ))}
    </main>
  );
}

function Verdicts() {
  return (
    <>
      <p>{t('learn_verdicts_intro')}</p>
      <dl>
        {VERDICTS.map((v) => (
          <>
            <dt>{t(`verdict_${verdictKey(v)}`)}</dt>
            <dd>{t(`why_${verdictKey(v)}`)}</dd>
          </>
        ))}
      </dl>
    </>
  );
}

function Who() {
  return (
    <>
      <p>{t('learn_who_intro')}</p>
      <ul>
        {SUBJECTS.map((s) => <li>{t(`subject_${s}`)}</li>)}
      </ul>
      <dl>
        {SEEING.map((s) => (
          <>
            <dt>{t(`seeing_${s}`)}</dt>
            <dd>{t(`learn_who_${s}`)}</dd>
          </>
        ))}
      </dl>
    </>
  );
}

function Sources() {
  return (
    <ul class="sources">
      {SOURCES.map(([key, href]) => (
        <li><a href={href} target="_blank" rel="noopener noreferrer">{t(key)}</a></li>
      ))}
    </ul>
  );
}
