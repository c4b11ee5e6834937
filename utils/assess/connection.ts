import type { MainDocument } from '../page-view';
import { isCertificateError } from '../net-errors';
import type { Finding } from './posture';

// Findings about the TLS connection of the main document, from the security info the browser gave.


export function connectionFindings(main: MainDocument): Finding[] {
  const out: Finding[] = [];
  if (main.error && isCertificateError(main.error)) out.push({ id: 'certificate-rejected', error: main.error });
  const sec = main.security;
  // Chrome without security info: the page came right after this tab's certificate warning for the
  // same site, so the user most likely chose to proceed; the browser gives no other sign of it.
  if (main.proceededPastError && (!sec || sec.state === 'unknown')) out.push({ id: 'certificate-proceeded', error: main.proceededPastError });
  if (!sec) return out;
  if (sec.overriddenError) out.push({ id: 'certificate-override', category: sec.overriddenError });
  else if (sec.state === 'broken') out.push({ id: 'security-broken' });
  if (sec.state === 'weak') out.push({ id: 'weak-connection', reasons: sec.weaknessReasons ?? [] });
  const root = sec.chainComplete ? sec.certificates[sec.certificates.length - 1] : undefined;
  if (root && root.isBuiltInRoot === false) {
    out.push({ id: 'custom-root', root: root.subjectCommonName ?? root.subject ?? root.issuer ?? '' });
  }
  return out;
}
