// The hostnames of the local scenario sites. None is a real company's name; the browser maps every
// one of them to 127.0.0.1 (Chromium: --host-resolver-rules; Firefox: network.dns.localDomains).

export const HOSTS = {
  /** A small first-party site, served over http and https. */
  www: 'www.onlooker-demo.com',
  /** First-party assets on another host of the same registrable domain. */
  static: 'static.onlooker-demo.com',
  /** Redirects http -> https. */
  login: 'login.onlooker-demo.com',
  /** Redirects https -> http. */
  archive: 'archive.onlooker-demo.com',
  /** A news page that loads third parties. */
  news: 'news.onlooker-demo.com',
  /** An https blog that references http content. */
  blog: 'blog.onlooker-demo.com',
  /** bücher.onlooker-demo.net (an IDN). */
  idn: 'xn--bcher-kva.onlooker-demo.net',
  cdn: 'cdn.example-cdn.net',
  fonts: 'fonts.typeface-demo.org',
  pixel: 'pixel.ads-demo.io',
  widgets: 'widgets.social-demo.net',
  metrics: 'api.metrics-demo.com',
  /** A third party that still serves over plain http. */
  legacyCdn: 'img.legacy-cdn-demo.net',
  /** Served with a certificate from a CA that no browser trusts. */
  untrusted: 'shop.unknown-ca-demo.net',
  /** A third party that cannot be reached: mapped to 127.0.0.1, referenced on a port where nothing listens. */
  gone: 'beacon.gone-tracker-demo.net',
} as const;

export type HostKey = keyof typeof HOSTS;

/** Names covered by the trusted test leaf. */
export const TRUSTED_HOSTS: readonly string[] = Object.values(HOSTS).filter((h) => h !== HOSTS.untrusted);

/** Names covered only by the leaf of the untrusted CA. */
export const UNTRUSTED_HOSTS: readonly string[] = [HOSTS.untrusted];

/** Every scenario hostname, for browsers that need the list (Firefox network.dns.localDomains). */
export const ALL_HOSTS: readonly string[] = Object.values(HOSTS);
