import type { ComponentChild } from 'preact';
import { hasFinding, type Posture } from '@/utils/assess/posture';
import type { Cell, Exposure } from '@/utils/assess/exposure';
import { availability, type Capabilities, type Fact } from '@/utils/capabilities';
import { t } from '@/utils/i18n';
import type { PageView } from '@/utils/page-view';
import { Inert, Msg } from './text';

/** Everything one report is made from: this tab's facts, what the browser can tell, and what follows. */
export interface ReportContext {
  view: PageView;
  caps: Capabilities;
  posture: Posture;
  exp: Exposure;
}

/**
 * The live parts every `reason_*` message may use, always in this order: $IP$ $HOST$ $COUNT$ $PROXY$
 * $ROOT$ (placeholders $1..$5). Fresh nodes per call: a rendered node cannot stand in two places.
 */
export function reasonSubs({ posture, exp }: ReportContext, fixed: boolean): ComponentChild[] {
  const p = exp.proxy;
  const root = hasFinding(posture, 'custom-root')?.root;
  return [
    posture.serverIp ? <Inert class="ip" value={posture.serverIp} max={45} fixed={fixed} /> : t('value_unknown'),
    <Inert class="hostname" value={posture.host.unicode} max={40} fixed={fixed} />,
    String(posture.thirdPartyHosts),
    p ? <Inert value={`${p.type} ${p.host}:${p.port}`} max={40} fixed={fixed} /> : t('value_unknown'),
    root ? <Inert value={root} max={40} fixed={fixed} /> : t('value_unknown'),
  ];
}

export function Reason({ ctx, cell, fixed = false }: { ctx: ReportContext; cell: Pick<Cell, 'reason'>; fixed?: boolean }) {
  return <Msg k={`reason_${cell.reason}`} subs={reasonSubs(ctx, fixed)} />;
}

/** What to say for a fact the browser did not give: unknown here, or not given by this browser at all. */
export function missing(caps: Capabilities, fact: Fact): string {
  const a = availability(caps, fact);
  return t(a === 'available' ? 'value_unknown' : a === 'probing' ? 'value_probing' : a === 'needs-flag' ? 'value_needsFlag' : 'value_unavailable');
}
