// Network error names that mean the browser refused the server's certificate (Chrome and Firefox).

export function isCertificateError(error: string | undefined): boolean {
  return (
    typeof error === 'string' &&
    /^net::ERR_(CERT_|SSL_PINNED|BAD_SSL)|^(SEC_ERROR_|SSL_ERROR_|MOZILLA_PKIX_ERROR_)|NS_ERROR_GENERATE_FAILURE\(0x805a/.test(error)
  );
}
