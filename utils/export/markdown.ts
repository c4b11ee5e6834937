import type { Doc, Line } from './document';

// Markdown: for a bug report, a ticket or an article. Page-controlled values are code spans, so that a
// hostname or certificate name can never become a link, an image or markup where the report is pasted;
// our own words are escaped where Markdown would read them as syntax.

/** A code span that holds any text: a fence longer than any run of backticks inside it. */
export function code(value: string): string {
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') || value.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** Our words, with the characters Markdown treats as markup at any place escaped (code spans left alone). */
function escape(s: string): string {
  return s
    .split(/(`+[^`]*`+)/)
    .map((piece, i) => (i % 2 ? piece : piece.replace(/([\\*_[\]<>|#])/g, '\\$1')))
    .join('');
}

function lines(ls: Line[], depth: number): string[] {
  return ls.flatMap((l) => [`${'  '.repeat(depth)}- ${l.mark ? `${l.mark} ` : ''}${escape(l.text)}`, ...lines(l.sub ?? [], depth + 1)]);
}

const cell = (s: string) => escape(s);

export function toMarkdown(doc: Doc): string {
  const out = [`# ${escape(doc.title)}`, '', ...doc.headline.map((l, i) => (i ? escape(l) : `**${escape(l)}**`)).join('  \n').split('\n'), ''];
  for (const s of doc.sections) {
    out.push(`## ${escape(s.heading)}`, '');
    if (s.table) {
      out.push(`| ${s.table.head.map(cell).join(' | ')} |`, `|${s.table.head.map(() => ' --- |').join('')}`, ...s.table.rows.map((r) => `| ${r.map(cell).join(' | ')} |`), '');
    }
    out.push(...lines(s.lines, 0), '');
  }
  out.push('---', '', ...doc.footer.map((l) => `_${escape(l)}_  `));
  return out.join('\n').replace(/ +$/, '') + '\n';
}
