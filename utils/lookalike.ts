import unhomoglyph from 'unhomoglyph';

// Look-alike hostnames, decided as browsers decide when they show punycode instead of Unicode
// (Chromium docs/idn.md; Unicode UTS #39 §5): a label that mixes scripts outside the combinations
// languages really use, or whose confusable skeleton is plain ASCII although the label is not (a
// whole-script confusable such as Cyrillic "раураl", or Latin look-alike letters such as "ɡoogle").
// Ordinary IDNs ("bücher", "münchen", "日本語") are neither.

export type Lookalike = 'mixed-script' | 'imitates-ascii';

const SCRIPTS = [
  'Latin', 'Cyrillic', 'Greek', 'Armenian', 'Georgian', 'Hebrew', 'Arabic', 'Thai', 'Lao', 'Devanagari', 'Bengali',
  'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Gujarati', 'Gurmukhi', 'Sinhala', 'Ethiopic', 'Cherokee', 'Khmer',
  'Myanmar', 'Tibetan', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Bopomofo',
] as const;
const SCRIPT_RE = SCRIPTS.map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'u')] as const);

/** Han-based writing systems legitimately mix these (UTS #39 "Highly Restrictive"). */
const ALLOWED_MIXES: ReadonlySet<string>[] = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];

function scriptsOf(label: string): Set<string> {
  const found = new Set<string>();
  for (const ch of label) {
    for (const [name, re] of SCRIPT_RE) {
      if (re.test(ch)) {
        found.add(name);
        break;
      }
    }
  }
  return found;
}

/** UTS #39 skeleton: NFD, map each confusable to its prototype, NFD again. */
export function skeleton(s: string): string {
  return unhomoglyph(s.normalize('NFD')).normalize('NFD');
}

const ASCII = /^[\x00-\x7f]*$/;

/** Why `label` (one Unicode hostname label) may imitate another name, or undefined. */
export function labelLookalike(label: string): Lookalike | undefined {
  if (ASCII.test(label)) return undefined;
  const scripts = scriptsOf(label);
  if (scripts.size > 1 && !ALLOWED_MIXES.some((allowed) => [...scripts].every((s) => allowed.has(s)))) return 'mixed-script';
  if (ASCII.test(skeleton(label))) return 'imitates-ascii';
  return undefined;
}

/** Why the Unicode hostname `unicode` may imitate another name (the first label that does), or undefined. */
export function hostLookalike(unicode: string): Lookalike | undefined {
  if (ASCII.test(unicode) || unicode.length > 253) return undefined;
  for (const label of unicode.split('.')) {
    const why = labelLookalike(label);
    if (why) return why;
  }
  return undefined;
}
