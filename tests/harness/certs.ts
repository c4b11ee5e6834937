import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRUSTED_HOSTS, UNTRUSTED_HOSTS } from './hosts';

// Throwaway certificate authorities for the local scenario sites, made with the system `openssl`.
// The trusted CA is added to a throwaway browser profile (never --ignore-certificate-errors), so the
// browser sees a valid chain that ends in a root it did not ship with; the second CA is trusted by
// nobody and gives the certificate-error scenario.

export interface KeyPair {
  /** PEM of the certificate. */
  cert: string;
  /** PEM of its private key. */
  key: string;
  certPath: string;
  keyPath: string;
}

export interface TestCerts {
  /** The temporary directory that holds every file below. */
  dir: string;
  /** The CA that test browsers trust. */
  ca: KeyPair;
  /** Leaf for localhost, 127.0.0.1 and every trusted test hostname, signed by `ca`. */
  leaf: KeyPair;
  /** A CA that no browser trusts. */
  untrustedCa: KeyPair;
  /** Leaf for the untrusted hostnames, signed by `untrustedCa` (names match: only the issuer is wrong). */
  untrustedLeaf: KeyPair;
}

/** Name under which the trusted CA goes into NSS databases. */
export const TEST_CA_NICKNAME = 'onlooker-test-ca';

let cached: TestCerts | undefined;

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function pair(dir: string, name: string): KeyPair {
  const certPath = join(dir, `${name}.crt`);
  const keyPath = join(dir, `${name}.key`);
  return { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8'), certPath, keyPath };
}

function makeCa(dir: string, name: string, commonName: string, org = 'Onlooker tests'): KeyPair {
  openssl(dir, [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-sha256',
    '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '30',
    '-subj', `/O=${org}/CN=${commonName}`,
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  return pair(dir, name);
}

function makeLeaf(dir: string, name: string, ca: string, hosts: readonly string[], ips: readonly string[]): KeyPair {
  const san = [...hosts.map((h) => `DNS:${h}`), ...ips.map((ip) => `IP:${ip}`)].join(',');
  writeFileSync(
    join(dir, `${name}.ext`),
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      `subjectAltName=${san}`,
    ].join('\n'),
  );
  openssl(dir, ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${hosts[0]}`]);
  openssl(dir, [
    'x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial',
    '-sha256', '-days', '30', '-extfile', `${name}.ext`, '-out', `${name}.crt`,
  ]);
  return pair(dir, name);
}

/**
 * The test CAs and leaves, made once per process in a temporary directory that is removed when the
 * process exits (or earlier with `removeTestCerts`).
 */
export function testCerts(): TestCerts {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'onlooker-ca-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const ca = makeCa(dir, 'ca', 'Onlooker Test CA');
  const leaf = makeLeaf(dir, 'leaf', 'ca', ['localhost', ...TRUSTED_HOSTS], ['127.0.0.1', '::1']);
  const untrustedCa = makeCa(dir, 'untrusted-ca', 'Onlooker Untrusted Test CA');
  const untrustedLeaf = makeLeaf(dir, 'untrusted-leaf', 'untrusted-ca', UNTRUSTED_HOSTS, []);
  cached = { dir, ca, leaf, untrustedCa, untrustedLeaf };
  return cached;
}

/**
 * A further leaf signed by the trusted test CA, for hostnames beyond the scenario sites (the
 * benchmarks' many third parties). Made in the certificates' directory, so it goes with it.
 */
export function trustedLeafFor(name: string, hosts: readonly string[], certs: TestCerts = testCerts()): KeyPair {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`leaf name must be [a-z0-9-]: ${name}`);
  return makeLeaf(certs.dir, name, 'ca', hosts, ['127.0.0.1']);
}

/** Delete the certificate directory now; the next `testCerts()` makes new ones. */
export function removeTestCerts(): void {
  if (!cached) return;
  rmSync(cached.dir, { recursive: true, force: true });
  cached = undefined;
}

/**
 * A second trusted authority (another organisation) with its own leaf for the trusted hostnames: the
 * same site served under a different authority (per-site memory's "different authority"). Browsers
 * trust it only when a test adds it (FirefoxOptions.extraCas). Made in the certificates' directory.
 */
export function secondAuthority(certs: TestCerts = testCerts()): { ca: KeyPair; leaf: KeyPair } {
  const ca = makeCa(certs.dir, 'second-ca', 'Onlooker Second Test CA', 'Onlooker second authority');
  return { ca, leaf: makeLeaf(certs.dir, 'second-leaf', 'second-ca', ['localhost', ...TRUSTED_HOSTS], ['127.0.0.1']) };
}
