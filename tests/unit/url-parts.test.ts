import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '@/utils/page-view';
import { Recorder } from '@/utils/recorder';
import { validatePageView } from '@/utils/storage/view';
import { sameOrigin, schemeOf, urlParts, withoutFragment } from '@/utils/url-parts';
import { runs } from '../support/mutation';

describe('urlParts', () => {
  it('agrees with the URL parser on canonical browser URLs', () => {
    fc.assert(
      fc.property(fc.webUrl({ withFragments: true, withQueryParameters: true, validSchemes: ['http', 'https', 'ws', 'wss'] }), (raw) => {
        const u = new URL(raw);
        const p = urlParts(u.href);
        expect(p).not.toBeNull();
        expect(p!.scheme).toBe(u.protocol.slice(0, -1));
        expect(p!.host).toBe(u.hostname.replace(/^\[|\]$/g, ''));
        expect(p!.origin).toBe(u.origin);
      }),
      { numRuns: runs(500) },
    );
  });

  it('handles IPv6, ports, userinfo and schemes without authority', () => {
    expect(urlParts('https://[2001:db8::1]:8443/a')).toEqual({ scheme: 'https', host: '2001:db8::1', origin: 'https://[2001:db8::1]:8443' });
    expect(urlParts('https://user:pw@Example.COM:99/x?y#z')).toEqual({ scheme: 'https', host: 'example.com', origin: 'https://example.com:99' });
    expect(urlParts('about:blank')).toEqual({ scheme: 'about', host: '', origin: 'about:' });
    expect(urlParts('http://host.example./')?.host).toBe('host.example.');
  });

  it('rejects what is not a URL and never throws', () => {
    for (const bad of ['', 'no scheme', '1http://x', 'http://[::1', 'http://host:port/', null, undefined, 42]) {
      expect(urlParts(bad as string), String(bad)).toBeNull();
    }
    fc.assert(fc.property(fc.string(), (s) => void urlParts(s)));
  });

  it('compares origins and strips fragments', () => {
    expect(sameOrigin('https://a.example/x', 'https://a.example/y?z')).toBe(true);
    expect(sameOrigin('https://a.example/', 'http://a.example/')).toBe(false);
    expect(sameOrigin(undefined, 'https://a.example/')).toBe(false);
    expect(withoutFragment('https://a.example/p#top')).toBe('https://a.example/p');
  });
});

describe('urlParts at its edges', () => {
  const hostOf = (url: string) => urlParts(url)?.host;
  it('ends the authority at the first /, ?, # or \\', () => {
    for (const end of ['/', '?', '#', '\\']) {
      expect(urlParts(`https://a.example${end}b@c.example:1/`), end).toEqual({ scheme: 'https', host: 'a.example', origin: 'https://a.example' });
    }
    expect(urlParts('https://a.example')).toEqual({ scheme: 'https', host: 'a.example', origin: 'https://a.example' });
  });

  it('splits an authority of up to 2,048 characters and refuses a longer one without scanning on', () => {
    expect(hostOf(`https://${'a'.repeat(2048)}`)).toBe('a'.repeat(2048));
    expect(hostOf(`https://${'a'.repeat(2047)}/path`)).toBe('a'.repeat(2047));
    expect(urlParts(`https://${'a'.repeat(2049)}`)).toBeNull();
    expect(urlParts(`https://${'a'.repeat(2048)}/path`)).toBeNull();
    expect(urlParts(`https://${'a'.repeat(100_000)}/`)).toBeNull();
  });

  it('drops user info up to its last @, and only in the authority', () => {
    expect(urlParts('https://u@v@c.example:8/')).toEqual({ scheme: 'https', host: 'c.example', origin: 'https://c.example:8' });
    expect(hostOf('https://h.example/a@b.example')).toBe('h.example');
    expect(hostOf('https://@h.example/')).toBe('h.example');
  });

  it('takes a port only when it is digits, and an empty port is no port', () => {
    expect(urlParts('http://h.example:/')).toEqual({ scheme: 'http', host: 'h.example', origin: 'http://h.example' });
    expect(urlParts('http://h.example:8080/')?.origin).toBe('http://h.example:8080');
    expect(urlParts('http://[::1]:/')).toEqual({ scheme: 'http', host: '::1', origin: 'http://[::1]' });
    expect(urlParts('http://[::1]:81/')?.origin).toBe('http://[::1]:81');
    for (const bad of ['http://h.example:8a/', 'http://h.example:a8/', 'http://h.example: 8/', 'http://[::1]x/', 'http://[::1]:8a/', 'http://[::1']) {
      expect(urlParts(bad), bad).toBeNull();
    }
  });

  it('lower-cases scheme and host, and keeps the brackets of an IPv6 host in the origin only', () => {
    expect(urlParts('HTTPS://Example.COM/Path')).toEqual({ scheme: 'https', host: 'example.com', origin: 'https://example.com' });
    expect(urlParts('http://[2001:DB8::A]/')).toEqual({ scheme: 'http', host: '2001:db8::a', origin: 'http://[2001:db8::a]' });
  });

  it('gives a URL without an authority its scheme alone', () => {
    for (const [url, scheme] of [['mailto:a@b.example', 'mailto'], ['http:/one-slash', 'http'], ['data:text/html,//x', 'data'], ['blob:https://a.example/1', 'blob']] as const) {
      expect(urlParts(url), url).toEqual({ scheme, host: '', origin: `${scheme}:` });
    }
  });
});

describe('schemeOf, withoutFragment and sameOrigin', () => {
  it('names the four web schemes and nothing else', () => {
    for (const s of ['https', 'http', 'ws', 'wss'] as const) expect(schemeOf(s)).toBe(s);
    for (const s of ['ftp', 'file', 'HTTP', 'https:', '', 'wsss']) expect(schemeOf(s), s).toBe('other');
  });

  it('cuts at the first #, and only there', () => {
    expect(withoutFragment('https://a.example/p?q')).toBe('https://a.example/p?q');
    expect(withoutFragment('https://a.example/p#a#b')).toBe('https://a.example/p');
    expect(withoutFragment('#only')).toBe('');
  });

  it('is false for a missing or unparsable side', () => {
    expect(sameOrigin('https://a.example/', undefined)).toBe(false);
    expect(sameOrigin('', '')).toBe(false);
    expect(sameOrigin('not a url', 'not a url')).toBe(false);
    expect(sameOrigin('https://a.example/', 'not a url')).toBe(false);
    expect(sameOrigin('not a url', 'https://a.example/')).toBe(false);
    expect(sameOrigin('https://a.example:1/', 'https://a.example:2/')).toBe(false);
    expect(sameOrigin('https://A.example/x', 'https://a.example/y')).toBe(true);
  });
});

describe('Recorder under arbitrary events', () => {
  const event = fc.oneof(
    fc.record({ kind: fc.constantFrom('subresource', 'subresource-error'), tabId: fc.integer({ min: -2, max: 4 }), time: fc.nat(), url: fc.oneof(fc.webUrl(), fc.string()), ip: fc.option(fc.ipV4(), { nil: undefined }), error: fc.string(), origin: fc.record({ documentId: fc.option(fc.constantFrom('A', 'B', 'C'), { nil: undefined }), topUrl: fc.option(fc.webUrl(), { nil: undefined }) }) }),
    fc.record({ kind: fc.constantFrom('main-redirect', 'main-headers', 'main-response', 'main-error'), tabId: fc.integer({ min: 0, max: 4 }), time: fc.nat(), requestId: fc.constantFrom('1', '2'), url: fc.oneof(fc.webUrl(), fc.string()), redirectUrl: fc.webUrl(), error: fc.string(), ip: fc.option(fc.ipV6(), { nil: undefined }) }),
    fc.record({ kind: fc.constant('committed'), tabId: fc.integer({ min: 0, max: 4 }), time: fc.nat(), url: fc.oneof(fc.webUrl(), fc.string()), documentId: fc.option(fc.constantFrom('A', 'B', 'C'), { nil: undefined }), fromHistory: fc.boolean(), prerender: fc.boolean() }),
    fc.record({ kind: fc.constant('navigation-failed'), tabId: fc.integer({ min: 0, max: 4 }), time: fc.nat(), url: fc.oneof(fc.webUrl(), fc.string()), error: fc.constantFrom('net::ERR_ABORTED', 'net::ERR_CERT_DATE_INVALID', ''), documentId: fc.option(fc.constantFrom('A', 'E'), { nil: undefined }) }),
    fc.record({ kind: fc.constantFrom('tab-url', 'tab-closed'), tabId: fc.integer({ min: 0, max: 4 }), time: fc.nat(), url: fc.webUrl() }),
  );

  it('never throws, and keeps every tab within its bounds', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 200 }), (events) => {
        const rec = new Recorder();
        for (const e of events) rec.apply(e as never);
        // Whatever came before, a page that contacts more hosts than the bound reaches it exactly.
        rec.apply({ kind: 'committed', tabId: 5, time: 1, url: 'https://page.example/', documentId: 'P' });
        for (let i = 0; i < LIMITS.hosts + 4; i++) rec.apply({ kind: 'subresource', tabId: 5, time: 2, url: `https://h${i}.example/`, origin: { documentId: 'P' } });
        expect(Object.keys(rec.view(5)!.hosts)).toHaveLength(LIMITS.hosts);
        expect(rec.view(5)!.omittedRequests).toBe(4);
        for (const id of rec.tabIds()) {
          const v = rec.view(id);
          if (!v) continue;
          expect(Object.keys(v.hosts).length).toBeLessThanOrEqual(LIMITS.hosts);
          expect(v.hops.length).toBeLessThanOrEqual(LIMITS.hops);
          // JSON-safe for storage.session, and what comes back passes the store's validator.
          expect(validatePageView(JSON.parse(JSON.stringify(v)), id)).toEqual(v);
        }
      }),
      { numRuns: runs(300) },
    );
  }, 30_000); // 300 runs past every bound: seconds on a busy machine
});
