import type { ConnectionSecurity, HostTls } from './page-view';

// One host's TLS in a few fields, from what Firefox said about one of its responses: which root the
// chain ends in (built-in, or added: someone in between), the certificate's issuer and end, the version.

export function hostTlsOf(s: ConnectionSecurity): HostTls {
  const certs = Array.isArray(s.certificates) ? s.certificates : [];
  const leaf = certs[0];
  const last = certs[certs.length - 1];
  const root: HostTls['root'] = !s.chainComplete || !last ? 'unknown' : last.isBuiltInRoot ? 'built-in' : 'added';
  const out: HostTls = { root };
  if (s.protocol) out.protocol = s.protocol;
  const rootName = last?.subjectCommonName ?? last?.subject;
  if (root !== 'unknown' && rootName) out.rootName = rootName.slice(0, 256);
  if (root === 'added' && last?.sha256) out.rootSha256 = last.sha256;
  const issuer = leaf?.issuerCommonName ?? leaf?.issuer;
  if (issuer) out.issuer = issuer.slice(0, 256);
  if (typeof leaf?.notAfter === 'number') out.notAfter = leaf.notAfter;
  return out;
}
