// What this browser lets an extension know, so that the popup can say "not available in this
// browser" instead of staying silent, and never guesses.

export type BrowserName = 'chrome' | 'firefox';

export interface Capabilities {
  browser: BrowserName;
  /**
   * Where certificate and TLS facts come from: Firefox's getSecurityInfo; Chrome's experimental
   * WebRequestSecurityInfo feature (leaf certificate only); or nothing.
   */
  securityInfo: 'firefox' | 'chrome-flag' | 'none' | 'probing';
}

export type Fact =
  | 'tls-version'
  | 'certificate'
  | 'certificate-chain'
  | 'certificate-override'
  | 'custom-root'
  | 'encrypted-dns'
  | 'ech'
  | 'proxy'
  | 'server-ip'
  | 'third-parties'
  | 'headers'
  | 'cookies';

export type Availability = 'available' | 'unavailable' | 'needs-flag' | 'probing';

export function availability(caps: Capabilities, fact: Fact): Availability {
  switch (fact) {
    case 'server-ip':
    case 'third-parties':
    case 'headers':
    case 'cookies':
      return 'available';
    case 'certificate':
    case 'certificate-override':
      if (caps.securityInfo === 'firefox' || caps.securityInfo === 'chrome-flag') return 'available';
      if (caps.securityInfo === 'probing') return 'probing';
      return caps.browser === 'chrome' ? 'needs-flag' : 'unavailable';
    default:
      // TLS details, the chain, ECH, encrypted DNS and proxies: only Firefox tells extensions.
      return caps.securityInfo === 'firefox' ? 'available' : 'unavailable';
  }
}

export const CHROME_DEFAULT: Capabilities = { browser: 'chrome', securityInfo: 'probing' };
export const FIREFOX_DEFAULT: Capabilities = { browser: 'firefox', securityInfo: 'firefox' };
