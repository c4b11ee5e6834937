import type { MainDocument } from '../page-view';
import type { Finding } from './posture';

// Findings about the TLS connection of the main document, from the security info the browser gave.

/** Network errors that mean the browser refused the server's certificate (Chrome and Firefox names). */
export function isCertificateError(error: string): boolean {
  return /^net::ERR_(CERT_|SSL_PINNED|BAD_SSL)|^(SEC_ERROR_|SSL_ERROR_|MOZILLA_PKIX_ERROR_)|NS_ERROR_GENERATE_FAILURE\(0x805a/.test(
    error,
  );
}

export function connectionFindings(main: MainDocument): Finding[] {
  const out: Finding[] = [];
  if (main.error && isCertificateError(main.error)) out.push({ id: 'certificate-rejected', error: main.error });
  const sec = main.security;
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
