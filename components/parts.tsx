import type { ComponentChild } from 'preact';
import { availability, type Capabilities, type Fact } from '@/utils/capabilities';
import { formatDate, formatNumber } from '@/utils/format';
import { t } from '@/utils/i18n';
import type { Part } from '@/utils/report';
import { Inert, Msg } from './text';

// The live parts of a statement, as the reader sees them: page-controlled values inert and isolated,
// counts and dates in the reader's language, absent facts as "unknown" or "not available in this
// browser" (only where the browser really cannot give them).

/** What to say for a fact the browser did not give: unknown here, or not given by this browser at all. */
export function missing(caps: Capabilities, fact: Fact): string {
  const a = availability(caps, fact);
  return t(a === 'available' ? 'value_unknown' : a === 'probing' ? 'value_probing' : a === 'needs-flag' ? 'value_needsFlag' : 'value_unavailable');
}

/** `fixed`: inside a control (a summary), so no "show all" button; the details show the whole value. */
export function renderPart(p: Part, caps: Capabilities, fixed = false): ComponentChild {
  const lang = t('locale_code');
  if ('text' in p) return <Inert value={p.text} max={p.max ?? 60} class={p.cls} fixed={fixed} />;
  if ('msg' in p) return p.parts?.length ? <Msg k={p.msg} subs={p.parts.map((x) => renderPart(x, caps, fixed))} /> : t(p.msg);
  if ('count' in p) return formatNumber(p.count, lang) ?? String(p.count);
  if ('date' in p) return formatDate(p.date, lang) ?? t('value_unknown');
  return missing(caps, p.missing);
}

export function Sentence({ k, parts, caps, fixed }: { k: string; parts?: Part[]; caps: Capabilities; fixed?: boolean }) {
  return <Msg k={k} subs={parts?.map((p) => renderPart(p, caps, fixed))} />;
}
