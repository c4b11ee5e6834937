import type { Finding, Posture, Verdict } from '@/utils/assess/posture';
import type { HostFacts } from '@/utils/hosts';
import type { ConnectionFacts, Route } from '@/utils/report/facts';

// Hand-built connection facts for the report model's branch tests: a plain https page to a named host,
// verified under a built-in root, seen on the network, that a case changes one fact at a time.

export const HOST: HostFacts = { ascii: 'example.com', unicode: 'example.com', kind: 'domain', loopback: false, privateNetwork: false, onion: false } as HostFacts;
export const PROXY = { type: 'http', host: 'proxy.corp', port: 3128 };

export const facts = (patch: Partial<ConnectionFacts> = {}, host: Partial<HostFacts> = {}): ConnectionFacts =>
  ({
    scheme: 'https',
    host: { ...HOST, ...host },
    observed: 'network',
    route: { kind: 'direct' },
    certificate: 'verified',
    root: { kind: 'built-in', name: 'ISRG Root X1' },
    content: { httpHosts: [], activeRefs: 0, passiveRefs: 0, insecureForms: 0, passwordFieldsOnHttp: 0 },
    firstHop: { kind: 'none' },
    downgrade: false,
    encryptedDns: 'unknown',
    ech: 'unknown',
    dnsByProxy: false,
    certificateInClear: false,
    contacted: [],
    failed: [],
    thirdParties: 0,
    ocsp: false,
    ...patch,
  }) as ConnectionFacts;

export const content = (c: Partial<ConnectionFacts['content']>) => ({ content: { ...facts().content, ...c } });
export const proxy = (protocol: 'http' | 'https' | 'socks', onDevice = false): { route: Route } => ({ route: { kind: 'proxy', proxy: { ...PROXY, type: protocol }, protocol, onDevice } as Route });
export const TOR: { route: Route } = { route: { kind: 'tor', proxy: { type: 'socks', host: '127.0.0.1', port: 9150 } } as Route };
export const http = { scheme: 'http', certificate: 'none' } as const;

/** A posture of the same page, with the verdict and findings a case needs (`HTTP_PAGE` for its http twin). */
export const posture = (verdict: Verdict = 'encrypted', findings: Finding[] = [], patch: Partial<Posture> = {}): Posture => ({
  verdict,
  findings,
  url: 'https://example.com/',
  scheme: 'https',
  host: HOST,
  firstPartyHosts: 1,
  thirdPartyHosts: 0,
  ...patch,
});
export const HTTP_PAGE = { url: 'http://example.com/', scheme: 'http' };
