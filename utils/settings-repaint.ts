import { VERDICTS, type Verdict } from './assess/posture';
import { badgeContext } from './badge';
import type { BadgePainter } from './badge-paint';
import type { HostFacts } from './hosts';
import type { PageView } from './page-view';
import { readSettings, watchSettings, type SettingsArea, type StorageChangeEvent } from './settings-store';
import { postureKey, tabKey, type SessionArea } from './tab-store';

// After a settings change, tabs this worker has not painted (it restarted since) are repainted from
// the postures the background stored for them: nothing is recorded or assessed again. A tab's full
// view is read only where the badge depends on its certificate chain (a custom root).

interface StoredPosture {
  verdict: Verdict;
  host?: Pick<HostFacts, 'ascii' | 'privateNetwork'>;
}

function asPosture(v: unknown): StoredPosture | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as { verdict?: unknown; host?: unknown };
  if (!(VERDICTS as readonly unknown[]).includes(o.verdict)) return undefined;
  const h = o.host as { ascii?: unknown; privateNetwork?: unknown } | undefined;
  const host = h && typeof h.ascii === 'string' ? { ascii: h.ascii, privateNetwork: h.privateNetwork === true } : undefined;
  return { verdict: o.verdict as Verdict, host };
}

export async function repaintFromStorage(painter: BadgePainter, tabIds: number[], session: SessionArea | undefined): Promise<void> {
  const ids = tabIds.filter((id) => !painter.knows(id));
  if (!ids.length || !session) return;
  try {
    const stored = await session.get(ids.map(postureKey));
    const postures = ids.flatMap((id) => {
      const p = asPosture(stored[postureKey(id)]);
      return p ? [{ id, p }] : [];
    });
    const rooted = postures.filter(({ p }) => p.verdict === 'custom-root').map(({ id }) => tabKey(id));
    const views = rooted.length ? await session.get(rooted) : {};
    for (const { id, p } of postures) {
      if (painter.knows(id)) continue; // painted by a fresh event meanwhile, which knows better
      const view = views[tabKey(id)] as Partial<PageView> | undefined;
      painter.paint(id, p.verdict, true, badgeContext(p.host, typeof view === 'object' && view ? view.main : undefined));
    }
  } catch {
    // Storage unavailable: the badges stay as they were until the next page load repaints them.
  }
}

export interface SettingsApis {
  local: SettingsArea;
  onChanged: StorageChangeEvent;
  /** Ids of the open tabs. */
  openTabs(): Promise<number[]>;
}

/**
 * Gives the painter the stored settings, then every change: the listener is registered at once (the
 * first turn of the worker), and a change that lands before the first read resolves wins over it.
 */
export function followSettings(apis: SettingsApis, painter: BadgePainter, session: SessionArea | undefined): void {
  let changed = false;
  void readSettings(apis.local).then((s) => {
    if (!changed) painter.setSettings(s);
  });
  watchSettings(apis.onChanged, (s) => {
    changed = true;
    painter.setSettings(s);
    void apis.openTabs().then((ids) => repaintFromStorage(painter, ids, session), () => {});
  });
}
