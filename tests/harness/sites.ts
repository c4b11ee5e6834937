import { HOSTS } from './hosts';

// The content of the scenario sites: small plausible pages and their assets, generated in code. Every
// resource a page references is listed here and nothing else is, so the servers can tell a request
// that a scenario page asked for from one that nobody should have made.

export type WebScheme = 'http' | 'https';

/** The ports the scenario servers listen on (127.0.0.1). */
export interface Ports {
  http: number;
  https: number;
}

export interface Resource {
  status: number;
  /** Content-Type; absent for redirects. */
  type?: string;
  body?: string;
  /** Redirect target; the server appends the request's query when the target has none. */
  location?: string;
  headers?: Record<string, string>;
}

/** `scheme://host/path`, without port or query: how resources are looked up and compared. */
export function resourceKey(scheme: string, host: string, pathname: string): string {
  return `${scheme}://${host.toLowerCase()}${pathname}`;
}

/** The base URL of a host on the scenario servers, e.g. `https://news.onlooker-demo.com:40123`. */
export function originOf(scheme: WebScheme, host: string, ports: Ports): string {
  return `${scheme}://${host}:${ports[scheme]}`;
}

/** The third-party hosts that the `third-parties` page loads from (each its own registrable domain). */
export const THIRD_PARTY_HOSTS: readonly string[] = [HOSTS.cdn, HOSTS.fonts, HOSTS.pixel, HOSTS.widgets, HOSTS.metrics];

/** Hosts of the same registrable domain as the `third-parties` page. */
/** A port nothing listens on (privileged, and on no browser's list of blocked ports): connections are refused. */
export const UNREACHABLE_PORT = 47;

export const NEWS_FIRST_PARTY_HOSTS: readonly string[] = [HOSTS.news, HOSTS.static];

interface PageText {
  title: string;
  heading: string;
  paragraphs: string[];
  /** Extra markup for <head> and <body>; our own constant strings, never page input. */
  head?: string[];
  body?: string[];
}

const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}';

function page(p: PageText): Resource {
  const body = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    // An empty icon: otherwise the browser asks every site for /favicon.ico on its own.
    '<link rel="icon" href="data:,">',
    `<title>${p.title}</title><style>${STYLE}</style>`,
    ...(p.head ?? []),
    '</head><body>',
    `<h1>${p.heading}</h1>`,
    ...p.paragraphs.map((x) => `<p>${x}</p>`),
    ...(p.body ?? []),
    '</body></html>',
  ].join('\n');
  return { status: 200, type: 'text/html; charset=utf-8', body };
}

function svg(label: string, color: string): Resource {
  const body = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" rx="6" fill="${color}"/><text x="60" y="26" font-family="sans-serif" font-size="14" fill="#fff" text-anchor="middle">${label}</text></svg>`;
  return { status: 200, type: 'image/svg+xml', body };
}

const css = (body: string): Resource => ({ status: 200, type: 'text/css; charset=utf-8', body });
const js = (body: string): Resource => ({ status: 200, type: 'text/javascript; charset=utf-8', body });
const redirect = (status: number, location: string): Resource => ({ status, location });

/**
 * Every resource of every scenario site, keyed by `resourceKey`. Pages reference each other with
 * absolute URLs that carry the servers' ports.
 */
export function siteResources(ports: Ports): Map<string, Resource> {
  const http = (host: string) => originOf('http', host, ports);
  const https = (host: string) => originOf('https', host, ports);
  const m = new Map<string, Resource>();
  const add = (scheme: WebScheme, host: string, path: string, r: Resource) => m.set(resourceKey(scheme, host, path), r);

  // A small first-party site, over both schemes; its logo comes from its own origin.
  for (const scheme of ['http', 'https'] as const) {
    const origin = originOf(scheme, HOSTS.www, ports);
    add(scheme, HOSTS.www, '/', page({
      title: 'Harbour Street Bakery',
      heading: 'Harbour Street Bakery',
      paragraphs: [
        'Sourdough, rye and seeded loaves, baked every morning from six.',
        'Open Tuesday to Sunday. Pre-orders for weekend cakes close on Thursday evening.',
      ],
      body: [`<img src="${origin}/logo.svg" alt="Harbour Street Bakery logo" width="120" height="40">`],
    }));
    add(scheme, HOSTS.www, '/logo.svg', svg('Bakery', '#8a4b00'));
  }

  // http -> https: the first request still crossed the network in the clear.
  add('http', HOSTS.login, '/', redirect(301, `${https(HOSTS.login)}/`));
  add('https', HOSTS.login, '/', {
    ...page({
      title: 'Sign in - Onlooker Demo Members',
      heading: 'Members area',
      paragraphs: ['Sign in to manage your orders and delivery addresses.', 'New here? Ask at the counter for an invitation code.'],
    }),
    headers: { 'set-cookie': 'demo_session=1; Secure; HttpOnly; SameSite=Lax; Path=/' },
  });

  // https -> http: the site sends its visitors back to plain http.
  add('https', HOSTS.archive, '/', redirect(302, `${http(HOSTS.archive)}/`));
  add('http', HOSTS.archive, '/', page({
    title: 'Archive - Onlooker Demo',
    heading: 'Newsletter archive',
    paragraphs: ['Issues from 2009 to 2014, kept on the old server.', 'Some links in these issues no longer work.'],
  }));

  // A news page with first-party assets on a sister host and five third parties on other domains.
  const news = https(HOSTS.news);
  add('https', HOSTS.news, '/', page({
    title: 'Riverside Gazette',
    heading: 'Riverside Gazette',
    paragraphs: [
      'Council approves the new footbridge; work starts in spring.',
      'Weekend weather: dry on Saturday, showers moving in from the west on Sunday.',
    ],
    head: [
      `<link rel="stylesheet" href="${https(HOSTS.static)}/site.css">`,
      `<link rel="stylesheet" href="${https(HOSTS.fonts)}/css/serif.css">`,
      `<script src="${https(HOSTS.cdn)}/lib/carousel.js"></script>`,
      `<script src="${https(HOSTS.metrics)}/collect.js" async></script>`,
    ],
    body: [
      `<img src="${news}/masthead.svg" alt="Riverside Gazette" width="120" height="40">`,
      `<img src="${https(HOSTS.pixel)}/p.svg?page=home" alt="" width="1" height="1">`,
      `<img src="${https(HOSTS.widgets)}/share.svg" alt="Share" width="120" height="40">`,
    ],
  }));
  add('https', HOSTS.news, '/masthead.svg', svg('Gazette', '#1f4e79'));
  add('https', HOSTS.static, '/site.css', css('h1{color:#1f4e79}'));
  add('https', HOSTS.fonts, '/css/serif.css', css('body{font-family:Georgia,serif}'));
  add('https', HOSTS.cdn, '/lib/carousel.js', js('window.carouselReady = true;'));
  add('https', HOSTS.metrics, '/collect.js', js('window.metricsQueue = [];'));
  add('https', HOSTS.pixel, '/p.svg', svg('', '#ffffff'));
  add('https', HOSTS.widgets, '/share.svg', svg('Share', '#3b5b2f'));

  // An https blog that still references a third party over http (an image and a script).
  add('https', HOSTS.blog, '/', page({
    title: 'Garden Notes',
    heading: 'Garden notes: tomatoes in October',
    paragraphs: ['The last trusses are ripening indoors on the windowsill.', 'Next week: saving seed from this year\u2019s best plants.'],
    body: [
      `<img src="${http(HOSTS.legacyCdn)}/photos/tomatoes.svg" alt="Tomatoes" width="120" height="40">`,
      `<script src="${http(HOSTS.legacyCdn)}/widgets/gallery.js"></script>`,
    ],
  }));
  add('http', HOSTS.legacyCdn, '/photos/tomatoes.svg', svg('Tomatoes', '#b3261e'));
  add('http', HOSTS.legacyCdn, '/widgets/gallery.js', js('window.galleryLoaded = true;'));

  add('http', 'localhost', '/', page({
    title: 'Local development server',
    heading: 'It works!',
    paragraphs: ['This page is served from your own computer.', 'Edit the site and reload to see your changes.'],
  }));

  add('https', HOSTS.idn, '/', page({
    title: 'B\u00fccherstube',
    heading: 'B\u00fccherstube: second-hand books',
    paragraphs: ['Novels, travel guides and old atlases, sorted by shelf.', 'We buy books on Saturdays.'],
  }));

  // A page with a third party that cannot be reached (connection refused): listed apart, not counted.
  add('https', HOSTS.www, '/with-unreachable', page({
    title: 'Harbour Street Bakery - opening hours',
    heading: 'Opening hours',
    paragraphs: ['Tuesday to Sunday, from six.'],
    body: [
      `<img src="${https(HOSTS.www)}/logo.svg" alt="Harbour Street Bakery logo" width="120" height="40">`,
      `<img src="${https(HOSTS.cdn)}/lib/badge.svg" alt="" width="1" height="1">`,
      `<img src="https://${HOSTS.gone}:${UNREACHABLE_PORT}/pixel.svg" alt="" width="1" height="1">`,
    ],
  }));
  add('https', HOSTS.cdn, '/lib/badge.svg', svg('', '#ffffff'));

  // Only reachable by going past the certificate warning.
  add('https', HOSTS.untrusted, '/', page({
    title: 'Discount Shop',
    heading: 'Discount Shop',
    paragraphs: ['Everything must go.'],
  }));
  return m;
}
