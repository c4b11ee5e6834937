import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from '@/utils/page-api';
import type { Capabilities } from '@/utils/capabilities';
import type { MemoryNote } from '@/utils/memory/store';
import type { PageView } from '@/utils/page-view';
import type { MemoryReport } from '@/utils/report/memory';

// What per-site memory found for this page: the background writes its note to storage.session beside
// the view once the page's facts are final (utils/memory/observer.ts). Until then, and for a note left
// by the tab's previous page, it is unknown and the report says nothing about memory. The code that
// turns a note into statements and renders them loads after the first paint.

export interface Remembered {
  memory?: MemoryReport;
  Section?: ComponentType<{ m: MemoryReport; caps: Capabilities }>;
}

const isNote = (v: unknown, viewId: string): v is MemoryNote =>
  !!v && typeof v === 'object' && (v as MemoryNote).viewId === viewId && Array.isArray((v as MemoryNote).findings);

export function useMemory(view: PageView, scheme: string): Remembered {
  const [state, setState] = useState<Remembered>({});
  useEffect(() => {
    // memoryKey() of utils/storage/memory.ts, spelled here: importing it would put that module in the first paint.
    const key = `memory:${view.tabId}`;
    let alive = true;
    const take = (v: unknown) => {
      if (!isNote(v, view.id)) return alive && setState({});
      void Promise.all([import('@/utils/report/memory'), import('./MemoryView')]).then(([m, c]) => alive && setState({ memory: m.memoryReport(v, scheme), Section: c.MemoryView })).catch(() => undefined);
    };
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'session' && key in changes) take(changes[key]?.newValue);
    };
    browser.storage.onChanged.addListener(onChanged);
    void browser.storage.session.get(key).then((got: Record<string, unknown>) => take(got[key])).catch(() => undefined);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [view.tabId, view.id, scheme]);
  return state;
}
