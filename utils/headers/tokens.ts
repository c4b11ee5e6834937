// Shared pieces of HTTP header grammar (RFC 9110 §5.6): tokens, quoted strings, comma lists. Every
// function here is total: any string, however hostile or long, gives a result and never a throw.

/** Header values longer than this are cut before parsing (page-view already keeps 4096 chars). */
export const MAX_PARSE_CHARS = 4096;

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function bounded(s: string): string {
  return s.length > MAX_PARSE_CHARS ? s.slice(0, MAX_PARSE_CHARS) : s;
}

/** The first header value, from what page-view stores (a list per header name) or a single string. */
export function firstValue(values: readonly string[] | string | undefined | null): string | undefined {
  if (typeof values === 'string') return bounded(values);
  if (!Array.isArray(values)) return undefined;
  const v = values.find((x) => typeof x === 'string');
  return v === undefined ? undefined : bounded(v);
}

/** All values of a header as one comma-joined list, as RFC 9110 §5.3 combines repeated fields. */
export function joinedValues(values: readonly string[] | string | undefined | null): string | undefined {
  if (typeof values === 'string') return bounded(values);
  if (!Array.isArray(values)) return undefined;
  const list = values.filter((x): x is string => typeof x === 'string');
  return list.length ? bounded(list.join(', ')) : undefined;
}

/** Split on commas outside quoted strings, trimming optional whitespace; empty members dropped. */
export function commaList(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quoted && c === '\\' && i + 1 < value.length) {
      cur += c + value[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

export interface Directive {
  /** Lower case. */
  name: string;
  /** Unquoted; undefined when the directive has no "=". */
  value?: string;
}

/**
 * `directive *( OWS ";" OWS [ directive ] )`, directive = token [ "=" ( token / quoted-string ) ]
 * (RFC 6797 §6.1 grammar, also used by similar headers). Null when the value breaks the grammar.
 */
export function directives(value: string): Directive[] | null {
  const s = bounded(value);
  const out: Directive[] = [];
  let i = 0;
  const ows = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  };
  const token = () => {
    const start = i;
    while (i < s.length && TOKEN.test(s[i]!)) i++;
    return s.slice(start, i);
  };
  while (i <= s.length) {
    ows();
    if (i >= s.length) break;
    if (s[i] === ';') {
      i++;
      continue; // empty directive
    }
    const name = token();
    if (!name) return null;
    ows();
    let val: string | undefined;
    if (s[i] === '=') {
      i++;
      ows();
      if (s[i] === '"') {
        i++;
        let q = '';
        let closed = false;
        while (i < s.length) {
          const c = s[i]!;
          if (c === '\\' && i + 1 < s.length) {
            q += s[i + 1];
            i += 2;
            continue;
          }
          if (c === '"') {
            closed = true;
            i++;
            break;
          }
          q += c;
          i++;
        }
        if (!closed) return null;
        val = q;
      } else {
        val = token();
        if (!val) return null;
      }
      ows();
    }
    out.push({ name: name.toLowerCase(), value: val });
    if (i < s.length && s[i] !== ';') return null;
    i++;
  }
  return out;
}
