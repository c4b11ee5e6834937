import type { Capabilities } from '../capabilities';
import type { PageView } from '../page-view';
import type { Posture } from '../assess/posture';
import { reportCore, type Marks, type Report } from './core';
import { hostsTable } from './hosts-table';
import { visibleStatements } from './visible';

export * from './core';
export type { FailedHostRow, HostRowTls, HostTable, HostTableRow, PartialInterception } from './hosts-table';

/** The whole report, host table included. `now` dates the certificates' remaining days. */
export function report(view: PageView, posture: Posture, caps: Capabilities, marks: Marks = {}, now = Date.now()): Report {
  const core = reportCore(view, posture, caps, marks);
  return { ...core, visible: core.applies ? visibleStatements(view, core.facts) : [], hosts: hostsTable(view, core.facts, caps, now, marks.hostTls) };
}
