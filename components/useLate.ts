import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { HeaderFinding } from './HeaderFindings';
import type { Help as HelpComponent } from './Help';
import type { PageHosts as HostTableComponent } from './HostTable';
import type { ShareActions as ShareComponent } from './ShareActions';
import type { visibleStatements as visibleOf } from '@/utils/report/visible';
import type { WhoTable as WhoTableComponent } from './WhoSees';

// Parts of the report whose code loads after the first paint (separate chunks), so that the popup's
// first script stays small: the help below the table, the share actions at the bottom, the header
// checks, the table party by party, the host table (a page can list sixty hosts) and the "still
// visible" statements inside closed disclosures. Once loaded, a part renders at once in any later
// report.

const LATE = {
  help: () => import('./Help').then((m) => m.Help),
  share: () => import('./ShareActions').then((m) => m.ShareActions),
  headerItem: () => import('./HeaderFindings').then((m) => m.HeaderItem as ComponentType<{ f: HeaderFinding }>),
  whoTable: () => import('./WhoSees').then((m) => m.WhoTable),
  hostTable: () => import('./HostTable').then((m) => m.PageHosts),
  visible: () => import('@/utils/report/visible').then((m) => m.visibleStatements),
};
type Late = {
  help: typeof HelpComponent;
  share: typeof ShareComponent;
  headerItem: ComponentType<{ f: HeaderFinding }>;
  whoTable: typeof WhoTableComponent;
  hostTable: typeof HostTableComponent;
  visible: typeof visibleOf;
};
type Name = keyof Late;

const loaded: Partial<Late> = {};

function load<N extends Name>(name: N): Promise<Late[N]> {
  return (LATE[name]() as Promise<Late[N]>).then((v) => (loaded[name] = v));
}

/** Loads every late part (tests, and anything that must render the whole report in one go). */
export function loadLateParts(): Promise<unknown> {
  return Promise.all((Object.keys(LATE) as Name[]).map((n) => load(n)));
}

/** The part, or undefined until its code has loaded; a failed load leaves the report without it. */
export function useLate<N extends Name>(name: N): Late[N] | undefined {
  const [value, setValue] = useState<Late[N] | undefined>(() => loaded[name]);
  useEffect(() => {
    if (value) return;
    let alive = true;
    void load(name).then((v) => alive && setValue(() => v)).catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);
  return value;
}
