import { hostFacts } from '../hosts';
import { LIMITS, clip, type DocumentScan, type RefKind } from '../page-view';
import { urlParts } from '../url-parts';

// What the document itself references over plain http, read from the DOM by the content script. It
// sees what webRequest cannot: loads the browser blocked (mixed scripts, frames) or upgraded (mixed
// images) never reach webRequest as http. Pure over a Document, so it runs in happy-dom in tests.
// Bounded: counts keep counting, samples stop at LIMITS.scanRefs, and a huge document is only
// examined up to MAX_ELEMENTS elements (the scan then says `truncated`).

/** Elements examined per scan; beyond this the scan stops and says so. */
export const MAX_ELEMENTS = 20_000;
const SAMPLE_URL_CHARS = 512;

/** Every element that can reference a URL the scan looks at, or a password field. */
export const SCAN_SELECTOR = [
  'script[src]',
  'link[href]',
  'iframe[src]',
  'frame[src]',
  'img[src]',
  'img[srcset]',
  'source[src]',
  'source[srcset]',
  'video[src]',
  'video[poster]',
  'audio[src]',
  'track[src]',
  'object[data]',
  'embed[src]',
  'form[action]',
  'button[formaction]',
  'input[formaction]',
  // Password fields: refsOf checks the type (case-insensitively), so no selector `i` flag is needed.
  'input[type]',
].join(',');

interface Ref {
  kind: RefKind | 'password';
  value: string | null;
  /** The value is a srcset (several URLs with descriptors). */
  srcset?: boolean;
}

const attr = (el: Element, kind: Ref['kind'], name: string, srcset = false): Ref => ({ kind, value: el.getAttribute(name), srcset });

/** Which attribute of which element loads what kind of thing. */
function refsOf(el: Element): Ref[] {
  switch (el.localName) {
    case 'script':
      return [attr(el, 'script', 'src')];
    case 'link': {
      const rel = (el.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
      return rel.includes('stylesheet') ? [attr(el, 'stylesheet', 'href')] : [];
    }
    case 'iframe':
      // With srcdoc, the browser shows that inline document and never loads src.
      return el.hasAttribute('srcdoc') ? [] : [attr(el, 'iframe', 'src')];
    case 'frame':
      return [attr(el, 'iframe', 'src')];
    case 'img':
      return [attr(el, 'image', 'src'), attr(el, 'image', 'srcset', true)];
    case 'source':
      // <source> in <picture> gives images (srcset); in <video>/<audio> it gives media (src).
      return [attr(el, el.parentElement?.localName === 'picture' ? 'image' : 'media', 'src'), attr(el, 'image', 'srcset', true)];
    case 'video':
      return [attr(el, 'media', 'src'), attr(el, 'image', 'poster')];
    case 'audio':
    case 'track':
      return [attr(el, 'media', 'src')];
    case 'object':
      return [attr(el, 'object', 'data')];
    case 'embed':
      return [attr(el, 'object', 'src')];
    case 'form':
      return [attr(el, 'form', 'action')];
    case 'button':
      return [attr(el, 'form', 'formaction')];
    case 'input':
      return (el.getAttribute('type') ?? '').toLowerCase() === 'password' ? [{ kind: 'password', value: null }] : [attr(el, 'form', 'formaction')];
    default:
      return [];
  }
}

/** The URLs of a srcset, as HTML's "parse a srcset attribute" splits it (URLs may contain commas). */
export function srcsetUrls(srcset: string): string[] {
  const out: string[] = [];
  const s = srcset.length > 8192 ? srcset.slice(0, 8192) : srcset;
  const ws = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
  let i = 0;
  while (i < s.length && out.length < 64) {
    while (i < s.length && (ws(s[i]) || s[i] === ',')) i++;
    const start = i;
    while (i < s.length && !ws(s[i])) i++;
    let url = s.slice(start, i);
    if (!url) break;
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      // Skip the descriptors up to the next comma outside parentheses.
      let depth = 0;
      for (; i < s.length; i++) {
        const c = s[i];
        if (c === '(') depth++;
        else if (c === ')') depth = Math.max(0, depth - 1);
        else if (c === ',' && depth === 0) break;
      }
    }
    if (url) out.push(url);
  }
  return out;
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/**
 * Whether a raw attribute value resolves to a plain-http URL off this device. Relative URLs take the
 * document base's scheme; the URL parser drops tabs and newlines and leading/trailing spaces first.
 */
export function isInsecureUrl(raw: string, baseIsHttp: boolean): boolean {
  const value = raw.replace(/[\t\n\r]/g, '').trim();
  if (!value) return false;
  const m = SCHEME.exec(value);
  const scheme = m ? m[1]!.toLowerCase() : undefined;
  if (scheme !== undefined && scheme !== 'http') return false;
  if (scheme === undefined && !baseIsHttp) return false;
  // Loopback is allowed over http on https pages and never leaves the device.
  const host = scheme === undefined ? (value.startsWith('//') ? urlParts('http:' + value)?.host : undefined) : urlParts(value)?.host;
  return !(host && hostFacts(host).loopback);
}

function pageScheme(url: string): string {
  return SCHEME.exec(url)?.[1]?.toLowerCase() ?? '';
}

export function emptyScan(now: number): DocumentScan {
  return { insecure: {}, samples: [], insecureForms: 0, passwordFieldsOnHttp: 0, scannedAt: now };
}

/** Scan a document. `pageUrl` is the document's URL (its scheme decides what counts as insecure). */
export function scanDocument(doc: Document, pageUrl: string, now = Date.now()): DocumentScan {
  const scan = emptyScan(now);
  const scheme = pageScheme(pageUrl);
  const https = scheme === 'https';
  const http = scheme === 'http';
  if (!https && !http) return scan;
  // Relative URLs resolve against the page's URL, unless a <base> element says otherwise.
  let baseIsHttp = http;
  try {
    if (doc.querySelector('base[href]')) baseIsHttp = pageScheme(doc.baseURI) === 'http';
  } catch {
    // keep the page's own scheme
  }
  // Mixed content exists only on https pages; on http pages only password fields are worth counting.
  const selector = https ? SCAN_SELECTOR : 'input[type]';
  let elements: ArrayLike<Element>;
  try {
    elements = doc.querySelectorAll(selector);
  } catch {
    return scan;
  }
  const n = Math.min(elements.length, MAX_ELEMENTS);
  if (elements.length > MAX_ELEMENTS) scan.truncated = true;
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const el = elements[i]!;
    for (const { kind, value, srcset } of refsOf(el)) {
      if (kind === 'password') {
        if (http) scan.passwordFieldsOnHttp++;
        continue;
      }
      if (!https || value === null) continue;
      for (const url of srcset ? srcsetUrls(value) : [value]) {
        if (!isInsecureUrl(url, baseIsHttp)) continue;
        if (kind === 'form') scan.insecureForms++;
        scan.insecure[kind] = (scan.insecure[kind] ?? 0) + 1;
        const sample = clip(url.trim(), SAMPLE_URL_CHARS);
        const key = kind + ' ' + sample;
        if (scan.samples.length < LIMITS.scanRefs && !seen.has(key)) {
          seen.add(key);
          scan.samples.push({ kind, url: sample });
        }
      }
    }
  }
  return scan;
}

/** Same findings, ignoring when they were made: the content script re-sends only when this is false. */
export function sameScan(a: DocumentScan | undefined, b: DocumentScan | undefined): boolean {
  if (!a || !b) return a === b;
  const { scannedAt: _a, ...ra } = a;
  const { scannedAt: _b, ...rb } = b;
  return JSON.stringify(ra) === JSON.stringify(rb);
}
