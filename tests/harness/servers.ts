import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { testCerts, type TestCerts } from './certs';
import { UNTRUSTED_HOSTS } from './hosts';
import { resourceKey, siteResources, type Ports, type Resource, type WebScheme } from './sites';

// The scenario web servers: one plain-http and one https server on 127.0.0.1, random ports, routing
// by the Host header. The https server picks its certificate by SNI: the trusted leaf for everything
// except the hosts of the untrusted CA. Every request is logged so tests can check who asked for what.

export interface LoggedRequest {
  scheme: WebScheme;
  /** Host header without port, lower case. */
  host: string;
  method: string;
  /** Path and query as requested. */
  path: string;
  pathname: string;
  userAgent: string;
  /** Origin, Referer and Sec-Fetch-* headers: they say which page or context asked. */
  origin?: string;
  referer?: string;
  fetchSite?: string;
  fetchDest?: string;
  /** The request names a resource of a scenario site. */
  known: boolean;
  status: number;
  time: number;
}

export interface ScenarioServers {
  ports: Ports;
  /** Every request received, oldest first. */
  readonly log: LoggedRequest[];
  /** Every resource served, keyed by `resourceKey` (what scenario pages may ask for). */
  readonly resources: ReadonlyMap<string, Resource>;
  /** `scheme://host:port` + path for a host on these servers. */
  url(scheme: WebScheme, host: string, path?: string): string;
  /** Requests that named no resource of any scenario site. */
  unknownRequests(): LoggedRequest[];
  close(): Promise<void>;
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function hostOf(req: http.IncomingMessage): string {
  return (header(req, 'host') ?? '').toLowerCase().replace(/:\d+$/, '');
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function shut(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts both servers. `certs` defaults to the per-process test certificates. */
export async function startScenarioServers(certs: TestCerts = testCerts()): Promise<ScenarioServers> {
  const log: LoggedRequest[] = [];
  let resources = new Map<string, Resource>();

  const handler = (scheme: WebScheme) => (req: http.IncomingMessage, res: http.ServerResponse) => {
    const host = hostOf(req);
    const path = req.url ?? '/';
    const q = path.indexOf('?');
    const pathname = q >= 0 ? path.slice(0, q) : path;
    const found = resources.get(resourceKey(scheme, host, pathname));
    const status = found?.status ?? 404;
    log.push({
      scheme,
      host,
      method: req.method ?? '',
      path,
      pathname,
      userAgent: header(req, 'user-agent') ?? '',
      origin: header(req, 'origin'),
      referer: header(req, 'referer'),
      fetchSite: header(req, 'sec-fetch-site'),
      fetchDest: header(req, 'sec-fetch-dest'),
      known: !!found,
      status,
      time: Date.now(),
    });
    // Every visit must reach the network (and the extension's webRequest listeners), never a cache.
    const headers: Record<string, string> = { 'cache-control': 'no-store', ...found?.headers };
    if (found?.location) headers.location = found.location.includes('?') || q < 0 ? found.location : found.location + path.slice(q);
    if (found?.type) headers['content-type'] = found.type;
    res.writeHead(status, headers);
    res.end(found ? (found.body ?? '') : 'Not found');
  };

  const trusted = tls.createSecureContext({ cert: certs.leaf.cert, key: certs.leaf.key });
  const untrusted = tls.createSecureContext({ cert: certs.untrustedLeaf.cert + certs.untrustedCa.cert, key: certs.untrustedLeaf.key });
  const untrustedNames = new Set(UNTRUSTED_HOSTS);

  const plain = http.createServer(handler('http'));
  const secure = https.createServer(
    {
      cert: certs.leaf.cert,
      key: certs.leaf.key,
      SNICallback: (name, cb) => cb(null, untrustedNames.has(name.toLowerCase()) ? untrusted : trusted),
    },
    handler('https'),
  );
  // Browsers probe and abandon connections (a TLS hello on the http port after an auto-upgrade): noise.
  for (const s of [plain, secure]) {
    s.on('clientError', (_err, socket) => socket.destroy());
    s.on('tlsClientError', () => undefined);
  }

  const ports: Ports = { http: await listen(plain), https: await listen(secure) };
  resources = siteResources(ports);

  return {
    ports,
    log,
    resources,
    url: (scheme, host, path = '/') => `${scheme}://${host}:${ports[scheme]}${path}`,
    unknownRequests: () => log.filter((r) => !r.known),
    close: async () => {
      await Promise.all([shut(plain), shut(secure)]);
    },
  };
}
