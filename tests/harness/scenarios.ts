import type { FindingId, Verdict } from '../../utils/assess/posture';
import { HOSTS } from './hosts';
import { originOf, type Ports } from './sites';

// The scenarios that the demo runs and the end-to-end tests check. The expected values are what a
// correct extension must show; they are never read back from the extension.

export type ScenarioName =
  | 'http'
  | 'https'
  | 'http-to-https'
  | 'https-to-http'
  | 'third-parties'
  | 'mixed'
  | 'localhost'
  | 'cert-error'
  | 'idn';

export interface Scenario {
  name: ScenarioName;
  description: string;
  /** Where the tab is sent. */
  start(ports: Ports): string;
  /** The URL the tab shows once the navigation is over (after redirects). */
  final(ports: Ports): string;
  verdict: Verdict;
  /** Badge text in English ('' for no text). */
  badge: string;
  /** Findings that the stored page view must produce. */
  findings?: FindingId[];
  /** Text the popup must contain. */
  popupShows?: string[];
  /** The browser shows its own error page: navigation "fails" on purpose. */
  interstitial?: boolean;
  /** Needs a part of the extension that may not be built yet (checked in the manifest). */
  needs?: 'document-scan';
}

const at = (scheme: 'http' | 'https', host: string, path = '/') => (ports: Ports) => `${originOf(scheme, host, ports)}${path}`;

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'http',
    description: 'A bakery site over plain http',
    start: at('http', HOSTS.www),
    final: at('http', HOSTS.www),
    verdict: 'not-encrypted',
    badge: 'HTTP',
  },
  {
    name: 'https',
    description: 'The same site over https, certificate from the test CA',
    start: at('https', HOSTS.www),
    final: at('https', HOSTS.www),
    verdict: 'encrypted',
    badge: '',
  },
  {
    name: 'http-to-https',
    description: 'A sign-in page reached through an http -> https redirect',
    start: at('http', HOSTS.login),
    final: at('https', HOSTS.login),
    verdict: 'encrypted',
    badge: '',
    findings: ['first-hop-http'],
  },
  {
    name: 'https-to-http',
    description: 'An archive that redirects https visitors to plain http',
    start: at('https', HOSTS.archive),
    final: at('http', HOSTS.archive),
    verdict: 'not-encrypted',
    badge: 'HTTP',
    findings: ['downgrade'],
  },
  {
    name: 'third-parties',
    description: 'A news page loading scripts, styles and images from five third parties',
    start: at('https', HOSTS.news),
    final: at('https', HOSTS.news),
    verdict: 'encrypted',
    badge: '',
    findings: ['third-parties'],
  },
  {
    name: 'mixed',
    description: 'An https blog with an http image and an http script from a third party',
    start: at('https', HOSTS.blog),
    final: at('https', HOSTS.blog),
    verdict: 'mixed',
    badge: 'MIX',
    needs: 'document-scan',
  },
  {
    name: 'localhost',
    description: 'A development server on localhost over http',
    start: at('http', 'localhost'),
    final: at('http', 'localhost'),
    verdict: 'local',
    badge: '',
  },
  {
    name: 'cert-error',
    description: 'An https shop whose certificate comes from an untrusted CA (browser warning page)',
    start: at('https', HOSTS.untrusted),
    final: at('https', HOSTS.untrusted),
    verdict: 'cert-error',
    badge: 'CERT',
    interstitial: true,
  },
  {
    name: 'idn',
    description: 'An internationalised name (b\u00fccher.onlooker-demo.net) over https',
    start: at('https', HOSTS.idn),
    final: at('https', HOSTS.idn),
    verdict: 'encrypted',
    badge: '',
    findings: ['idn'],
    popupShows: ['b\u00fccher.onlooker-demo.net', HOSTS.idn],
  },
];

export function scenario(name: ScenarioName): Scenario {
  const s = SCENARIOS.find((x) => x.name === name);
  if (!s) throw new Error(`no scenario ${name}`);
  return s;
}

/**
 * The scenario as Firefox must report it. Firefox sees the whole chain, and the throwaway CA is not a
 * built-in root (which is what TLS inspection looks like), so Chromium's `encrypted` is `custom-root`,
 * badge "CA", there.
 */
export function inFirefox(s: Scenario): Pick<Scenario, 'verdict' | 'badge'> {
  return s.verdict === 'encrypted' ? { verdict: 'custom-root', badge: 'CA' } : { verdict: s.verdict, badge: s.badge };
}
