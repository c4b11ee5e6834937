import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { MemoryNote } from '@/utils/memory/store';
import type { PageView } from '@/utils/page-view';
import { memoryKey } from '@/utils/storage/memory';

// What per-site memory found for this page: the background writes it to storage.session beside the
// view once the page's facts are final (utils/memory/observer.ts). Until then, and for a note left by
// the tab's previous page, it is unknown and the report says nothing about memory.

const isNote = (v: unknown, viewId: string): v is MemoryNote =>
  !!v && typeof v === 'object' && (v as MemoryNote).viewId === viewId && Array.isArray((v as MemoryNote).findings);

export function useMemoryNote(view: PageView): MemoryNote | undefined {
  const [note, setNote] = useState<MemoryNote | undefined>(undefined);
  useEffect(() => {
    const key = memoryKey(view.tabId);
    let alive = true;
    const take = (v: unknown) => alive && setNote(isNote(v, view.id) ? v : undefined);
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'session' && key in changes) take(changes[key]?.newValue);
    };
    browser.storage.onChanged.addListener(onChanged);
    void browser.storage.session.get(key).then((got: Record<string, unknown>) => take(got[key])).catch(() => undefined);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [view.tabId, view.id]);
  return note;
}
