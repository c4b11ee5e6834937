import type { Finding } from '../assess/posture';
import { messageKey, tlsVersionLabel } from '../format';
import { t } from '../i18n';
import { originAndPath } from './display';

// The live parts of a finding's sentence (`finding_<id>`), in placeholder order, for the popup and the
// export alike: `value` shows a page-controlled value (inert in the popup, redacted in an export),
// `words` a message that may be missing from the catalogues (then the value itself, shown as a value).

export function findingSubs<T>(f: Finding, value: (x: unknown) => T, words: (key: string, fallback: unknown) => T | string): (T | string)[] {
  switch (f.id) {
    case 'downgrade':
    case 'first-hop-http':
      return [value(originAndPath(f.from)), value(originAndPath(f.to))];
    case 'load-failed':
    case 'certificate-rejected':
    case 'certificate-proceeded':
      return [value(f.error)];
    case 'certificate-override':
      return [words(`override_${messageKey(f.category)}`, f.category)];
    case 'weak-connection':
      return [value((f.reasons ?? []).join(', '))];
    case 'custom-root':
      return [value(f.root)];
    case 'insecure-requests':
      return [String(f.hosts?.length ?? 0)];
    case 'mixed-active':
    case 'mixed-passive':
    case 'insecure-form':
    case 'password-on-http':
    case 'third-parties':
      return [String(f.count)];
    case 'idn':
      return [value(f.unicode), value(f.ascii)];
    case 'tls-outdated':
      return [tlsVersionLabel(f.protocol) ?? t('value_unknown')];
    case 'certificate-expiring':
      return [String(f.days)];
    case 'proxy':
      return [value(`${f.type} ${f.host}:${f.port}`)];
    case 'tor-proxy':
      return [value(`${f.host}:${f.port}`)];
    default:
      return [];
  }
}
