// Names in certificates, TLS details and headers come from whoever made the certificate or the page.
// They are shown as text (never HTML), but control and bidirectional-override characters can still
// make "moc.knab" read as "bank.com"; they are replaced by U+FFFD so that tampering stays visible.

// C0 and C1 controls, DEL, bidi embeddings/overrides/isolates, LRM/RLM/ALM, line/paragraph separators.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

export function cleanText(value: unknown, max = 256): string {
  if (typeof value !== 'string') return '';
  const s = value.length > max ? value.slice(0, max) : value;
  return s.replace(UNSAFE, '\ufffd');
}
