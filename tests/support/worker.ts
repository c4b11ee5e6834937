import { expect, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FakeEvent, fakeWebNavigation, fakeWebRequest } from './fake-events';

// Starts the background script against WXT's fake browser, as a fresh service worker would.

export type WR = ReturnType<typeof fakeWebRequest>;
export type WN = ReturnType<typeof fakeWebNavigation>;

export async function startWorker(): Promise<{ wr: WR; wn: WN }> {
  const wr = fakeWebRequest();
  const wn = fakeWebNavigation();
  Object.assign(fakeBrowser, { webRequest: wr, webNavigation: wn });
  Object.assign(fakeBrowser.tabs, { onReplaced: new FakeEvent() });
  vi.resetModules();
  const mod = await import('@/entrypoints/background');
  const ret = (mod.default as { main: () => unknown }).main();
  expect(ret).toBeUndefined(); // synchronous main: nothing registered later than the first turn
  return { wr, wn };
}
