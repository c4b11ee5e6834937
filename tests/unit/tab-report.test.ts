import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { assess } from '@/utils/assess';
import { loadTabReport } from '@/components/useTabReport';
import { postureKey, tabKey } from '@/utils/storage/items';
import { view } from '../fixtures/views';

// The popup's read of storage: through the storage contract's validators, and never a report of
// another page than the tab shows without saying so.

async function tabAt(url: string): Promise<number> {
  const tab = await fakeBrowser.tabs.create({ url });
  return tab.id!;
}

describe('loadTabReport', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is not stale when the stored view is of the page the tab shows (fragments aside)', async () => {
    const id = await tabAt('https://a.example/page#section');
    await fakeBrowser.storage.session.set({ [tabKey(id)]: view('https://a.example/page', { tabId: id }) });
    const s = await loadTabReport(id);
    expect(s).toMatchObject({ status: 'ready', stale: false });
  });

  it('says stale when the stored view is of another page than the tab shows', async () => {
    const id = await tabAt('http://b.example/now');
    const old = view('https://a.example/before', { tabId: id });
    await fakeBrowser.storage.session.set({ [tabKey(id)]: old, [postureKey(id)]: assess(old) });
    const s = await loadTabReport(id);
    expect(s.status).toBe('ready');
    if (s.status !== 'ready') return;
    expect(s.stale).toBe(true);
    expect(s.view.url).toBe('https://a.example/before');
  });

  it('ignores a malformed stored view and a malformed posture, and reports from the tab URL', async () => {
    const id = await tabAt('http://b.example/');
    await fakeBrowser.storage.session.set({ [tabKey(id)]: { ...view('https://a.example/', { tabId: id }), main: null }, [postureKey(id)]: { verdict: 'encrypted' } });
    const s = await loadTabReport(id);
    if (s.status !== 'ready') throw new Error(s.status);
    expect(s.view.observed).toBe('tab');
    expect(s.view.url).toBe('http://b.example/');
    expect(s.posture.verdict).toBe('not-encrypted');
    expect(s.stale).toBe(false);
  });

  it('does not trust a posture that fails its validator even when the view is fine', async () => {
    const id = await tabAt('http://b.example/');
    const v = view('http://b.example/', { tabId: id });
    await fakeBrowser.storage.session.set({ [tabKey(id)]: v, [postureKey(id)]: { ...assess(v), verdict: 'encrypted', findings: 'none' } });
    const s = await loadTabReport(id);
    if (s.status !== 'ready') throw new Error(s.status);
    expect(s.posture.verdict).toBe('not-encrypted');
  });
});
