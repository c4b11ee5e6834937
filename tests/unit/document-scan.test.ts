// @vitest-environment happy-dom
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { assess } from '@/utils/assess';
import { MAX_ELEMENTS, isInsecureUrl, sameScan, scanDocument, srcsetUrls } from '@/utils/capture/document-scan';
import { Rescanner, isRelevant, type Clock } from '@/utils/capture/rescan';
import { LIMITS, type DocumentScan, type PageView } from '@/utils/page-view';

// A window of our own whose console is quiet: happy-dom logs every iframe it declines to load.
const quiet = { ...console, error: () => undefined, warn: () => undefined };
const parser = new new Window({ console: quiet as Console, settings: { disableJavaScriptFileLoading: true, disableCSSFileLoading: true } }).DOMParser();

/** An inert document, as the content script sees a page's DOM. */
function doc(html: string): Document {
  return parser.parseFromString(`<!doctype html><html><head></head><body>${html}</body></html>`, 'text/html') as unknown as Document;
}
const PAGE = 'https://shop.example/';

describe('scanDocument', () => {
  it('counts http references by kind, with samples', () => {
    const scan = scanDocument(
      doc(`
        <script src="http://cdn.example/a.js"></script>
        <script src="https://cdn.example/ok.js"></script>
        <link rel="Preload StyleSheet" href="http://cdn.example/a.css">
        <link rel="icon" href="http://cdn.example/favicon.ico">
        <iframe src="http://ads.example/frame"></iframe>
        <img src="http://img.example/a.png" srcset="http://img.example/b.png 2x, https://img.example/c.png 3x">
        <picture><source srcset="http://img.example/d.webp"></picture>
        <video src="http://media.example/v.mp4" poster="http://img.example/p.jpg"><source src="http://media.example/v.webm"></video>
        <audio src="http://media.example/a.mp3"></audio>
        <object data="http://plugins.example/x.swf"></object>
        <embed src="http://plugins.example/y.swf">
        <form action="http://forms.example/post"><button formaction="http://forms.example/other">go</button></form>
        <form action="/relative"></form>
      `),
      PAGE,
      123,
    );
    expect(scan.insecure).toEqual({ script: 1, stylesheet: 1, iframe: 1, image: 4, media: 3, object: 2, form: 2 });
    expect(scan.insecureForms).toBe(2);
    expect(scan.passwordFieldsOnHttp).toBe(0);
    expect(scan.scannedAt).toBe(123);
    expect(scan.samples).toContainEqual({ kind: 'script', url: 'http://cdn.example/a.js' });
    expect(scan.samples).toContainEqual({ kind: 'image', url: 'http://img.example/b.png' });
    expect(scan.truncated).toBeUndefined();
  });

  it('ignores an iframe src that srcdoc overrides', () => {
    expect(scanDocument(doc('<iframe srcdoc="<p>hi</p>" src="http://ads.example/f"></iframe>'), PAGE).insecure).toEqual({});
  });

  it('ignores loopback hosts, which never leave the device', () => {
    const scan = scanDocument(doc('<script src="http://localhost:3000/a.js"></script><img src="http://127.0.0.5/x.png"><iframe src="http://[::1]/f"></iframe><img src="http://app.localhost/y.png">'), PAGE);
    expect(scan.insecure).toEqual({});
    expect(scan.samples).toEqual([]);
  });

  it('resolves relative URLs against an http <base>', () => {
    const d = doc('<script src="/a.js"></script><img src="//img.example/x.png">');
    const base = d.createElement('base');
    base.href = 'http://old.example/';
    d.head.append(base);
    expect(scanDocument(d, PAGE).insecure).toEqual({ script: 1, image: 1 });
    expect(scanDocument(doc('<script src="/a.js"></script>'), PAGE).insecure).toEqual({});
  });

  it('counts password fields only on http pages, and mixed content only on https pages', () => {
    const html = '<form action="http://x.example/"><input type="PASSWORD"><input type="password"></form><script src="http://cdn.example/a.js"></script>';
    const onHttp = scanDocument(doc(html), 'http://login.example/');
    expect(onHttp.passwordFieldsOnHttp).toBe(2);
    expect(onHttp.insecure).toEqual({});
    const onHttps = scanDocument(doc(html), PAGE);
    expect(onHttps.passwordFieldsOnHttp).toBe(0);
    expect(onHttps.insecureForms).toBe(1);
    expect(scanDocument(doc(html), 'file:///tmp/x.html')).toEqual({ insecure: {}, samples: [], insecureForms: 0, passwordFieldsOnHttp: 0, scannedAt: expect.any(Number) });
  });

  it('stays bounded on a page with 10,000 http references', () => {
    const html = Array.from({ length: 10_000 }, (_, i) => `<img src="http://img.example/${i}.png">`).join('');
    const scan = scanDocument(doc(html), PAGE);
    expect(scan.insecure.image).toBe(10_000);
    expect(scan.samples).toHaveLength(LIMITS.scanRefs);
    expect(JSON.stringify(scan).length).toBeLessThan(10_000);
    expect(scan.truncated).toBeUndefined();
  });

  it('examines at most MAX_ELEMENTS elements and says so', () => {
    const html = '<img src="http://img.example/x.png">'.repeat(MAX_ELEMENTS + 5);
    const scan = scanDocument(doc(html), PAGE);
    expect(scan.insecure.image).toBe(MAX_ELEMENTS);
    expect(scan.truncated).toBe(true);
    expect(scan.samples).toHaveLength(1); // the same URL is sampled once
  }, 60_000); // thousands of elements in happy-dom: slow on a loaded machine, never a timing check

  it('clips very long sample URLs', () => {
    const scan = scanDocument(doc(`<img src="http://img.example/${'a'.repeat(50_000)}">`), PAGE);
    expect(scan.samples[0]!.url.length).toBeLessThanOrEqual(512);
  });

  it('makes assess() say mixed for an http script, a form to http, and password-on-http', () => {
    const view = (url: string, scan: DocumentScan): PageView => ({ schema: 1, tabId: 1, id: 'v', url, observed: 'network', startedAt: 1, hops: [{ url }], main: { status: 200 }, hosts: {}, omittedRequests: 0, requests: 0, scan });
    const mixed = assess(view(PAGE, scanDocument(doc('<script src="http://cdn.example/a.js"></script><img src="http://i.example/a.png">'), PAGE)));
    expect(mixed.verdict).toBe('mixed');
    expect(mixed.findings).toContainEqual({ id: 'mixed-active', count: 1 });
    expect(mixed.findings).toContainEqual({ id: 'mixed-passive', count: 1 });
    const form = assess(view(PAGE, scanDocument(doc('<form action="http://x.example/"></form>'), PAGE)));
    expect(form.verdict).toBe('mixed');
    expect(form.findings).toContainEqual({ id: 'insecure-form', count: 1 });
    const pw = assess(view('http://login.example/', scanDocument(doc('<input type=password>'), 'http://login.example/')));
    expect(pw.verdict).toBe('not-encrypted');
    expect(pw.findings).toContainEqual({ id: 'password-on-http', count: 1 });
    expect(assess(view(PAGE, scanDocument(doc('<img src="https://i.example/a.png">'), PAGE))).verdict).toBe('encrypted');
  });
});

describe('URL checks', () => {
  it('reads schemes the way the URL parser does', () => {
    expect(isInsecureUrl('  HTTP://x.example/', false)).toBe(true);
    expect(isInsecureUrl('ht\ttp://x.example/', false)).toBe(true);
    expect(isInsecureUrl('http:x.example', false)).toBe(true);
    expect(isInsecureUrl('https://x.example/', true)).toBe(false);
    expect(isInsecureUrl('data:image/png;base64,AAAA', true)).toBe(false);
    expect(isInsecureUrl('/path', true)).toBe(true);
    expect(isInsecureUrl('//localhost/x', true)).toBe(false);
    expect(isInsecureUrl('', true)).toBe(false);
  });

  it('splits srcset as HTML does, commas inside URLs included', () => {
    expect(srcsetUrls('a.png 1x, b.png 2x,c.png')).toEqual(['a.png', 'b.png', 'c.png']);
    expect(srcsetUrls('data:image/png;base64,AAA= 1x, http://x.example/b.png 2x')).toEqual(['data:image/png;base64,AAA=', 'http://x.example/b.png']);
    expect(srcsetUrls('a.png (max-width: 1px, 2px) 1x, b.png')).toEqual(['a.png', 'b.png']);
    fc.assert(fc.property(fc.string(), (s) => void srcsetUrls(s)), { numRuns: 1000 });
  });

  it('never throws on hostile attribute values', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 5 }), (values) => {
        const d = doc('');
        for (const v of values) {
          const img = d.createElement('img');
          img.setAttribute('src', v);
          img.setAttribute('srcset', v);
          d.body.append(img);
        }
        scanDocument(d, PAGE);
      }),
      { numRuns: 200 },
    );
  });
});

class FakeClock implements Clock {
  t = 0;
  timers: { at: number; cb: () => void }[] = [];
  now() {
    return this.t;
  }
  setTimeout(cb: () => void, ms: number) {
    const timer = { at: this.t + ms, cb };
    this.timers.push(timer);
    return timer;
  }
  clearTimeout(h: unknown) {
    this.timers = this.timers.filter((x) => x !== h);
  }
  advance(ms: number) {
    this.t += ms;
    for (const timer of this.timers.filter((x) => x.at <= this.t)) {
      this.timers = this.timers.filter((x) => x !== timer);
      timer.cb();
    }
  }
}

describe('Rescanner', () => {
  it('sends the first scan, then at most one scan per interval, and only when it changed', () => {
    const d = doc('<img src="https://i.example/a.png">');
    const clock = new FakeClock();
    const sent: DocumentScan[] = [];
    const r = new Rescanner(() => scanDocument(d, PAGE, clock.t), (s) => sent.push(s), clock);
    r.start();
    expect(sent).toHaveLength(1);
    for (let i = 0; i < 50; i++) r.changed(); // a burst of changes
    expect(r.pending).toBe(true);
    clock.advance(1999);
    expect(r.scans).toBe(1);
    clock.advance(1);
    expect(r.scans).toBe(2);
    expect(sent).toHaveLength(1); // nothing changed: nothing sent

    d.body.insertAdjacentHTML('beforeend', '<script src="http://cdn.example/x.js"></script>');
    r.changed();
    clock.advance(2000);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.insecure).toEqual({ script: 1 });
    r.stop();
    r.changed();
    r.stop();
    clock.advance(10_000);
    expect(r.scans).toBe(3);
  });

  it('tells relevant DOM changes from noise', async () => {
    const d = document;
    d.body.innerHTML = '<div id="feed"></div>';
    const seen: boolean[] = [];
    const observer = new MutationObserver((records) => seen.push(isRelevant(records)));
    observer.observe(d.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] });
    d.getElementById('feed')!.append(d.createTextNode('tick'));
    await new Promise((r) => setTimeout(r, 0));
    d.getElementById('feed')!.insertAdjacentHTML('beforeend', '<p><span>text</span></p>');
    await new Promise((r) => setTimeout(r, 0));
    d.getElementById('feed')!.insertAdjacentHTML('beforeend', '<div><img src="http://x.example/a.png"></div>');
    await new Promise((r) => setTimeout(r, 0));
    observer.disconnect();
    expect(seen).toEqual([false, false, true]);
  });

  it('compares scans without their time', () => {
    const a = scanDocument(doc('<img src="http://x.example/a.png">'), PAGE, 1);
    const b = scanDocument(doc('<img src="http://x.example/a.png">'), PAGE, 2);
    expect(sameScan(a, b)).toBe(true);
    expect(sameScan(a, scanDocument(doc(''), PAGE, 1))).toBe(false);
    expect(sameScan(undefined, a)).toBe(false);
  });
});
