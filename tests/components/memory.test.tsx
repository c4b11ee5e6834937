// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Options } from '@/entrypoints/options/Options';
import { assess } from '@/utils/assess';
import { CHROME_DEFAULT } from '@/utils/capabilities';
import { MemoryStore } from '@/utils/memory/store';
import { report } from '@/utils/report';
import { memoryReport } from '@/utils/report/memory';
import { ENTRY_PREFIX, memoryKey, SECRET_KEY } from '@/utils/storage/memory';
import { parseSettings, SETTINGS_KEY } from '@/utils/storage/settings';
import { view } from '../fixtures/views';
import { Report } from '../support/report';
import { readCatalogue } from '../support/setup';

afterEach(cleanup);
const en = readCatalogue('en');
const words = (key: string) => en[key]!.message;
const DAY = 86_400_000;

describe('the report under per-site memory', () => {
  const http = view('http://shop.example.com/basket', { tabId: 3, id: 'p1' });

  it('was-encrypted: the headline says the site used HTTPS last time and what to do; the badge posture is unchanged', () => {
    const posture = assess(http);
    const plain = report(http, posture, CHROME_DEFAULT);
    const r = report(http, posture, CHROME_DEFAULT, { memory: memoryReport({ viewId: 'p1', findings: [{ id: 'was-encrypted', since: 20_000 }], since: 19_990 }, 'http') });
    expect(plain.headline.whyKey).toBe('notEncrypted');
    expect(r.headline).toMatchObject({ verdict: 'not-encrypted', whyKey: 'notEncryptedWasEncrypted', titleKey: plain.headline.titleKey, actionKey: 'wasEncrypted' });
    expect(r.memory!.findings.map((s) => [s.key, s.parts])).toEqual([['memory_wasEncrypted', [{ date: 20_000 * DAY }]]]);
    expect(r.memory!.remembered).toMatchObject({ key: 'memory_rememberedSince', parts: [{ date: 19_990 * DAY }] });
    expect(assess(http)).toEqual(posture);
  });

  it('says nothing about memory until its note is known, and never a was-encrypted on an https page (stale note)', () => {
    const https = view('https://shop.example.com/', { id: 'p2' });
    expect(report(http, assess(http), CHROME_DEFAULT).memory).toBeUndefined();
    const r = report(https, assess(https), CHROME_DEFAULT, { memory: memoryReport({ viewId: 'p2', findings: [{ id: 'was-encrypted', since: 1 }] }, 'https') });
    expect(r.memory!.findings).toEqual([]);
    expect(r.headline.whyKey).not.toBe('notEncryptedWasEncrypted');
    expect(report(http, assess(http), CHROME_DEFAULT, { memory: memoryReport('none', 'http') }).memory!.remembered.key).toBe('memory_nothing');
  });

  it('the popup shows the note the background stored for this page, page-controlled names inert', async () => {
    await fakeBrowser.storage.session.set({
      [memoryKey(3)]: { viewId: 'p1', findings: [{ id: 'was-encrypted', since: 20_000 }, { id: 'cert-new-authority', since: 20_000, before: '<b>Old</b>', now: 'New CA' }], since: 19_990 },
    });
    const { container } = render(<Report view={http} />);
    await screen.findByText(words('heading_memory'), {}, { timeout: 15_000 });
    expect(container.querySelector('.why')!.textContent).toBe(words('why_notEncryptedWasEncrypted'));
    expect(container.querySelector('.memory-was-encrypted')).not.toBeNull();
    // An https-only finding is not shown on an http page.
    expect(container.querySelector('.memory-cert-new-authority')).toBeNull();
    expect(container.querySelector('.memory-settings')!.textContent).toBe(words('memory_settings'));
  });

  it('a note left by the tab’s previous page is not shown', async () => {
    await fakeBrowser.storage.session.set({ [memoryKey(3)]: { viewId: 'older', findings: [{ id: 'was-encrypted', since: 20_000 }] } });
    const { container } = render(<Report view={http} />);
    await new Promise((r) => setTimeout(r, 20));
    expect(container.querySelector('.memory')).toBeNull();
    expect(container.querySelector('.why')!.textContent).toBe(words('why_notEncrypted'));
  });
});

describe('the options page: site memory', () => {
  it('counts the remembered sites, forgets everything (a new secret), and turning memory off forgets too', async () => {
    const store = new MemoryStore(fakeBrowser.storage.local as never);
    for (const h of ['a.example', 'b.example']) await store.observe(h, h, { day: 20_000, scheme: 'http', network: true }, 180);
    const secret = (await fakeBrowser.storage.local.get(SECRET_KEY))[SECRET_KEY];
    render(<Options />);
    await screen.findByText(words('options_memoryCount').replace('$COUNT$', '2'));
    fireEvent.click(screen.getByText(words('options_memoryForget')));
    await screen.findByText(words('options_memoryCount').replace('$COUNT$', '0'));
    expect(Object.keys(await fakeBrowser.storage.local.get(null)).filter((k) => k.startsWith(ENTRY_PREFIX) || k === SECRET_KEY)).toEqual([]);
    await store.observe('c.example', 'c.example', { day: 20_000, scheme: 'http', network: true }, 180);
    expect((await fakeBrowser.storage.local.get(SECRET_KEY))[SECRET_KEY]).not.toBe(secret);
    fireEvent.click(screen.getByLabelText(words('options_memoryOn')));
    await waitFor(async () => expect(parseSettings((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).memory).toBe(false));
    await waitFor(async () => expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual([SETTINGS_KEY]));
  });

  it('keeps the retention days within bounds', async () => {
    render(<Options />);
    const input = (await screen.findByLabelText(words('options_memoryDays'))) as HTMLInputElement;
    expect(input.value).toBe('180');
    fireEvent.change(input, { target: { value: '30' } });
    await waitFor(async () => expect(parseSettings((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).memoryDays).toBe(30));
    fireEvent.change(input, { target: { value: '0' } });
    await new Promise((r) => setTimeout(r, 20));
    expect(parseSettings((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).memoryDays).toBe(30);
  });
});
