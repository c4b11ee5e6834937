import type { Doc, Line } from './document';

// Plain text: for an e-mail or a chat. Indented lists, the who-sees-what table as aligned columns.

function lines(ls: Line[], depth: number): string[] {
  return ls.flatMap((l) => [`${'  '.repeat(depth)}${l.mark ? `${l.mark} ` : '- '}${l.text}`, ...lines(l.sub ?? [], depth + 1)]);
}

/** Columns padded to the widest cell (by code points, which is close enough for a monospace reader). */
function table(head: string[], rows: string[][]): string[] {
  const all = [head, ...rows];
  const width = head.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  return all.map((r) => r.map((c, i) => c + ' '.repeat(width[i]! - [...c].length)).join('  ').trimEnd());
}

export function toText(doc: Doc): string {
  const out = [doc.title, '='.repeat(Math.min(72, [...doc.title].length)), '', ...doc.headline, ''];
  for (const s of doc.sections) {
    out.push(s.heading, '-'.repeat(Math.min(72, [...s.heading].length)));
    if (s.table) out.push(...table(s.table.head, s.table.rows), '');
    out.push(...lines(s.lines, 0), '');
  }
  out.push('--', ...doc.footer);
  return out.join('\n') + '\n';
}
