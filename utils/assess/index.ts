import { hostShape } from '../host-shape';
import { hostFacts } from '../hosts';
import { hostLookalike } from '../lookalike';
import type { PageView } from '../page-view';
import { urlParts } from '../url-parts';
import { isCertificateError } from '../net-errors';
import { connectionFindings } from './connection';
import { scoreHeaders } from './headers';
import { mixedContentFindings } from './mixed-content';
import type { Finding, Posture, Verdict } from './posture';
import { redirectFindings } from './redirects';
import { transportFindings } from './transport';

export type { Finding, Posture, Verdict } from './posture';

// assess(): facts in, posture out. Pure: it reads a page view and nothing else, so the background
// (for the badge) and the popup (for the report) always agree.

const INTERNAL_SCHEMES = new Set([
  'about', 'chrome', 'chrome-extension', 'chrome-untrusted', 'chrome-search', 'devtools', 'edge',
  'moz-extension', 'resource', 'view-source', 'javascript', 'brave', 'opera', 'vivaldi',
]);
const LOCAL_SCHEMES = new Set(['file', 'data', 'blob', 'filesystem']);
/** Extensions are not allowed to run on the browsers' own stores. */
const STORE_HOSTS = new Set(['chromewebstore.google.com', 'chrome.google.com', 'addons.mozilla.org', 'microsoftedge.microsoft.com']);

function emptyPosture(verdict: Verdict, url: string, findings: Finding[] = []): Posture {
  return { verdict, findings, url, scheme: '', host: hostFacts(''), firstPartyHosts: 0, thirdPartyHosts: 0 };
}

export function assess(view: PageView | undefined | null): Posture {
  if (!view || typeof view.url !== 'string') return emptyPosture('unknown', '');
  try {
    return assessView(view);
  } catch {
    // A view from an older or damaged record: say nothing rather than something wrong.
    return emptyPosture('unknown', view.url, [{ id: 'malformed-url' }]);
  }
}

function assessView(view: PageView): Posture {
  const parts = urlParts(view.url);
  if (!parts) return emptyPosture('unknown', view.url, [{ id: 'malformed-url' }]);
  const host = hostFacts(parts.host);
  const main = view.main ?? {};
  const hosts = view.hosts ?? {};
  let first = 0;
  let third = 0;
  // A host whose every request failed (blocked, no DNS, refused) never saw the user: not counted.
  for (const h of Object.values(hosts)) if (h && h.requests > 0) h.party === 'third' ? third++ : first++;
  const posture: Posture = {
    verdict: 'unknown',
    findings: [],
    url: view.url,
    scheme: parts.scheme,
    host,
    serverIp: main.ip,
    firstPartyHosts: first,
    thirdPartyHosts: third,
  };
  const f = posture.findings;
  const scheme = parts.scheme;

  if (INTERNAL_SCHEMES.has(scheme) || (scheme === 'https' && STORE_HOSTS.has(host.ascii))) {
    posture.verdict = 'internal';
    return posture;
  }
  if (LOCAL_SCHEMES.has(scheme)) {
    posture.verdict = 'local';
    return posture;
  }
  const web = scheme === 'http' || scheme === 'https';
  if (!web) return posture; // ftp:, gopher: and friends: nothing we can vouch for

  if (host.kind === 'domain' && host.unicode !== host.ascii) {
    const lookalike = hostLookalike(host.unicode);
    f.push({ id: 'idn', unicode: host.unicode, ascii: host.ascii, ...(lookalike ? { lookalike } : {}) });
  }
  f.push(...redirectFindings(view.hops ?? []));
  f.push(...connectionFindings(main));
  f.push(...transportFindings(main, view.committedAt ?? view.startedAt));
  if (third) f.push({ id: 'third-parties', count: third });
  if (view.observed !== 'network') f.push({ id: 'facts-incomplete', observed: view.observed === 'tab' ? 'tab' : 'commit' });

  if (host.onion) {
    posture.verdict = 'onion';
    return posture;
  }
  if (host.loopback) {
    posture.verdict = 'local';
    return posture;
  }
  if (main.error && !isCertificateError(main.error) && main.status === undefined) {
    f.push({ id: 'load-failed', error: main.error });
    return posture;
  }

  if (scheme === 'http') {
    posture.verdict = 'not-encrypted';
    // The address is on your own network, and so is the way there, unless a proxy elsewhere or Tor
    // carries the page: then it crosses whatever lies between you and that proxy.
    const carriedAway = f.some((x) => x.id === 'tor-proxy' || (x.id === 'proxy' && !hostShape(x.host).loopback));
    if (host.privateNetwork && !carriedAway) f.push({ id: 'private-network' });
    const pw = view.scan?.passwordFieldsOnHttp ?? 0;
    if (pw) f.push({ id: 'password-on-http', count: pw });
    addHeaderScore(posture, view, false, true);
    return posture;
  }

  const has = (id: Finding['id']) => f.some((x) => x.id === id);
  if (has('certificate-rejected') || has('certificate-override') || has('security-broken') || has('certificate-proceeded')) {
    posture.verdict = 'cert-error';
    addHeaderScore(posture, view, true, false);
    return posture;
  }
  const mixed = mixedContentFindings(hosts, view.scan);
  f.push(...mixed);
  if (mixed.length) posture.verdict = 'mixed';
  else if (has('custom-root')) posture.verdict = 'custom-root';
  else if (view.observed === 'tab' && !main.security) posture.verdict = 'unknown';
  else posture.verdict = 'encrypted';
  addHeaderScore(posture, view, true, true);
  return posture;
}

/** The itemised header score, for http(s) pages whose main-document headers were seen. */
function addHeaderScore(posture: Posture, view: PageView, https: boolean, certificateOk: boolean): void {
  const scored = scoreHeaders(view, https, certificateOk);
  if (!scored) return;
  posture.findings.push(...scored.findings);
  posture.headerScore = scored.score;
}
