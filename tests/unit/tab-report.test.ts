// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { assess } from '@/utils/assess';
import { renderHook, waitFor } from '@testing-library/preact';
import { loadTabReport, useTabReport } from '@/components/useTabReport';
import { postureKey, tabKey } from '@/utils/storage/items';
import { host, view } from '../fixtures/views';

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

describe('useTabReport, live', () => {
  it('stops describing a record the background removed, and says stale when the tab moved on', async () => {
    const id = await tabAt('https://a.example/');
    const v = view('https://a.example/', { tabId: id, hosts: { 'a.example': host('a.example', { party: 'first' }) } });
    await fakeBrowser.storage.session.set({ [tabKey(id)]: v, [postureKey(id)]: assess(v) });
    const { result } = renderHook(() => useTabReport(id));
    await waitFor(() => expect(result.current).toMatchObject({ status: 'ready', stale: false, view: { observed: 'network' } }));
    // The tab moves on and the new record cannot be written: the background removes the old one.
    await fakeBrowser.tabs.update(id, { url: 'http://b.example/' });
    await fakeBrowser.storage.session.remove([tabKey(id), postureKey(id)]);
    await waitFor(() => expect(result.current).toMatchObject({ status: 'ready', stale: false, view: { observed: 'tab', url: 'http://b.example/' } }));
    // A record of a page the tab no longer shows is flagged.
    await fakeBrowser.storage.session.set({ [tabKey(id)]: v });
    await waitFor(() => expect(result.current).toMatchObject({ status: 'ready', stale: true, view: { url: 'https://a.example/' } }));
  });
});
