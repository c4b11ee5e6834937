// Network error names that mean the browser refused the server's certificate (Chrome and Firefox).

/** Firefox's webNavigation error, `Error code <nsresult>`: module 21 (0x805Axxxx) is NSS/PSM (SEC_, SSL_, MOZILLA_PKIX_ errors). */
const FIREFOX_SECURITY_MODULE = 0x805a;

export function isCertificateError(error: string | undefined): boolean {
  if (typeof error !== 'string') return false;
  const code = /^Error code (\d{1,10})$/.exec(error);
  if (code) return Math.floor(Number(code[1]) / 0x10000) === FIREFOX_SECURITY_MODULE;
  return /^net::ERR_(CERT_|SSL_PINNED|BAD_SSL)|^(SEC_ERROR_|SSL_ERROR_|MOZILLA_PKIX_ERROR_)|NS_ERROR_GENERATE_FAILURE\(0x805a/.test(error);
}

/** NSS error numbers (negated, as in Firefox's `Error code` nsresult's low 16 bits) that Firefox names on its warning page. */
const NSS_NAMES: Record<number, string> = {
  8181: 'SEC_ERROR_EXPIRED_CERTIFICATE',
  8180: 'SEC_ERROR_REVOKED_CERTIFICATE',
  8179: 'SEC_ERROR_UNKNOWN_ISSUER',
  8172: 'SEC_ERROR_UNTRUSTED_ISSUER',
  8171: 'SEC_ERROR_UNTRUSTED_CERT',
  8162: 'SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE',
  8156: 'SEC_ERROR_CA_CERT_INVALID',
  12276: 'SSL_ERROR_BAD_CERT_DOMAIN',
};

/**
 * Firefox's webNavigation reports `Error code 2153390067`; its warning page says
 * `SEC_ERROR_UNKNOWN_ISSUER`. Give the name people can look up where we know it.
 */
export function readableNetError(error: string): string {
  const code = /^Error code (\d{1,10})$/.exec(error);
  if (!code) return error;
  const n = Number(code[1]);
  if (Math.floor(n / 0x10000) !== FIREFOX_SECURITY_MODULE) return error;
  return NSS_NAMES[n & 0xffff] ?? error;
}
