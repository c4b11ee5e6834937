// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { KnownRootOffer } from '@/components/KnownRootOffer';
import { OptionsLink } from '@/components/OptionsLink';
import { Options, problemKey } from '@/entrypoints/options/Options';
import type { EditProblem } from '@/utils/settings-edit';
import { parseSettings, SETTINGS_KEY, type Settings } from '@/utils/storage/settings';
import { readCatalogue, useLocale } from '../support/setup';

afterEach(cleanup);

const en = readCatalogue('en');
const words = (key: string) => en[key]!.message;
const stored = async (): Promise<Settings> => parseSettings((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
const ROOT = 'ab'.repeat(32);

async function renderOptions(initial?: unknown) {
  if (initial !== undefined) await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: initial });
  const view = render(<Options />);
  await screen.findByRole('radiogroup');
  return view;
}

describe('the options page', () => {
  it('shows the stored badge mode and writes a new one at once', async () => {
    await renderOptions({ badge: 'serious' });
    const radios = screen.getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => [r.value, r.checked])).toEqual([['all', false], ['serious', true], ['off', false]]);
    fireEvent.click(screen.getByLabelText(words('options_badgeOff')));
    await waitFor(async () => expect((await stored()).badge).toBe('off'));
    expect(screen.getByRole('status').textContent).toBe(words('options_saved'));
  });

  it('starts from the defaults when storage holds garbage', async () => {
    await renderOptions({ badge: 12, quietHosts: 'x', knownRoots: [{}] });
    expect((screen.getByLabelText(words('options_badgeAll')) as HTMLInputElement).checked).toBe(true);
    expect(screen.getAllByText(words('options_none'))).toHaveLength(2);
  });

  it('adds a quiet host in canonical form, refuses a public range with the reason, and removes one', async () => {
    await renderOptions();
    const input = screen.getByLabelText(words('options_quietLabel')) as HTMLInputElement;
    fireEvent.input(input, { target: { value: '8.8.8.0/24' } });
    fireEvent.click(screen.getByRole('button', { name: words('options_add') }));
    expect(await screen.findByText(words('options_problem_publicRange'))).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain('quiet-problem');
    expect((await stored()).quietHosts).toEqual([]);

    fireEvent.input(input, { target: { value: '100.64.0.0/10' } });
    fireEvent.submit(input.form!);
    expect(await screen.findByText(words('options_problem_sharedRange'))).toBeTruthy();

    fireEvent.input(input, { target: { value: ' NAS.Example.LAN ' } });
    fireEvent.submit(input.form!);
    await waitFor(async () => expect((await stored()).quietHosts).toEqual(['nas.example.lan']));
    expect(input.value).toBe('');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    const remove = await screen.findByRole('button', { name: 'Remove nas.example.lan' });
    fireEvent.click(remove);
    await waitFor(async () => expect((await stored()).quietHosts).toEqual([]));
    expect(document.activeElement).toBe(input);
  });

  it('lists known roots with their fingerprint as Firefox shows it, names as inert text, and removes each', async () => {
    await renderOptions({ knownRoots: [{ sha256: ROOT, label: 'Corp <b>Root</b>', added: Date.UTC(2026, 0, 2) }, { sha256: 'cd'.repeat(32), label: '', added: 0 }] });
    const items = screen.getAllByRole('list').at(-1)!.querySelectorAll('li');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('Corp <b>Root</b>');
    expect(items[0]!.querySelector('b')).toBeNull();
    expect(items[0]!.textContent).toContain('AB:AB:AB');
    expect(items[0]!.textContent).toContain('2026');
    expect(items[1]!.textContent).toContain(words('options_rootUnnamed'));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Corp <b>Root</b>' }));
    await waitFor(async () => expect((await stored()).knownRoots.map((r) => r.sha256)).toEqual(['cd'.repeat(32)]));
  });

  it('follows a change made elsewhere (the popup) without a reload', async () => {
    await renderOptions();
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { badge: 'off', quietHosts: ['printer.lan'] } });
    await waitFor(() => expect((screen.getByLabelText(words('options_badgeOff')) as HTMLInputElement).checked).toBe(true));
    expect(screen.getByRole('button', { name: 'Remove printer.lan' })).toBeTruthy();
  });

  it('speaks the browser language', async () => {
    useLocale('de');
    await renderOptions();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(readCatalogue('de').options_title!.message);
  });
});

describe('the known-root offer', () => {
  it('asks first, says what marking means, and writes the root only on confirmation', async () => {
    render(<KnownRootOffer sha256={ROOT.toUpperCase().match(/../g)!.join(':')} name="Corp Root" />);
    fireEvent.click(await screen.findByRole('button', { name: words('rootOffer_button') }));
    const group = screen.getByRole('group');
    expect(group.textContent).toContain('Corp Root');
    expect(group.textContent).toContain('can still read and change');
    expect(document.activeElement?.id).toBe('root-offer-text');
    fireEvent.click(screen.getByRole('button', { name: words('rootOffer_cancel') }));
    expect((await stored()).knownRoots).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: words('rootOffer_button') }));
    fireEvent.click(screen.getByRole('button', { name: words('rootOffer_confirm') }));
    expect(await screen.findByText(words('rootOffer_done'))).toBeTruthy();
    const [root] = (await stored()).knownRoots;
    expect(root).toMatchObject({ sha256: ROOT, label: 'Corp Root' });
    expect(root!.added).toBeGreaterThan(0);
  });

  it('offers nothing for a root already known', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { knownRoots: [{ sha256: ROOT, label: 'x', added: 1 }] } });
    const { container } = render(<KnownRootOffer sha256={ROOT} name="Corp Root" />);
    await new Promise((r) => setTimeout(r, 20));
    expect(container.textContent).toBe('');
  });
});

describe('words of the settings', () => {
  it('every refusal, badge title and title note has words in every language', () => {
    // Typed as a record so that a new refusal fails compilation here until it has words.
    const problems: Record<EditProblem, true> = { invalid: true, 'public-range': true, 'shared-range': true, 'too-broad': true, duplicate: true, full: true };
    const keys = [...Object.keys(problems).map((p) => problemKey(p as EditProblem)), 'title_notEncryptedLan', 'titleNote_knownRoot', 'titleNote_quietHost'];
    for (const lang of ['en', 'de', 'fr', 'es']) {
      const cat = readCatalogue(lang);
      for (const k of keys) expect(cat[k]?.message, `${lang}: ${k}`).toBeTruthy();
    }
  });
});

describe('the popup link to the options page', () => {
  it('asks the browser to open the options page', () => {
    const open = vi.fn(() => Promise.resolve());
    (fakeBrowser.runtime as unknown as { openOptionsPage: () => Promise<void> }).openOptionsPage = open;
    render(<OptionsLink />);
    fireEvent.click(screen.getByRole('button', { name: words('options_open') }));
    expect(open).toHaveBeenCalledTimes(1);
  });
});
