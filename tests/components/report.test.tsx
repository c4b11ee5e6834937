// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Report } from '../support/report';
import { useLocale } from '../support/setup';
import { App } from '@/entrypoints/popup/App';
import type { PageView } from '@/utils/page-view';
import { assess } from '@/utils/assess';
import { CAPABILITIES_KEY, postureKey, tabKey } from '@/utils/tab-store';
import { FIREFOX, firefoxTls, HOSTILE, host, LEAF, SCENARIOS, SERVER_IP, view } from '../fixtures/popup-scenarios';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

describe('hostile names', () => {
  const hostile = (): PageView =>
    view('https://example.com/', {
      main: {
        status: 200,
        ip: SERVER_IP,
        security: firefoxTls({ certificates: [{ ...LEAF, subjectCommonName: HOSTILE.markup, issuerCommonName: HOSTILE.rlo }, { subjectCommonName: HOSTILE.long, isBuiltInRoot: true }] }),
      },
      hosts: {
        [HOSTILE.markup]: host(HOSTILE.markup, 'third', ['198.51.100.1']),
        [HOSTILE.rlo]: host(HOSTILE.rlo, 'third', ['198.51.100.2']),
        [HOSTILE.long]: host(HOSTILE.long, 'third', ['198.51.100.3']),
      },
    });

  it('render as text, never as markup', () => {
    const { container } = render(<Report view={hostile()} caps={FIREFOX} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.innerHTML).not.toContain('<img src=x');
    expect(container.textContent).toContain(HOSTILE.markup);
  });

  it('lose their direction-changing characters, visibly', () => {
    const { container } = render(<Report view={hostile()} caps={FIREFOX} />);
    expect(container.textContent).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(container.textContent).toContain('evil\uFFFDgpj.exe.example.com');
    // Each name is isolated from the sentence around it.
    for (const el of container.querySelectorAll('.inert')) expect(el.tagName).toBe('BDI');
  });

  it('are clipped on screen, with the whole value one button away', async () => {
    const { container } = render(<Report view={hostile()} caps={FIREFOX} />);
    // The host table loads after the first paint.
    await waitFor(() => expect(container.querySelector('.host-table')).not.toBeNull(), { timeout: 5000 });
    const clipped = [...container.querySelectorAll('.hosts bdi')].find((b) => b.textContent!.startsWith('aaaa'))!;
    expect(clipped.textContent!.length).toBeLessThan(100);
    expect(clipped.textContent).toMatch(/…$/);
    expect(clipped.getAttribute('title')!.length).toBeGreaterThan(100);
    const button = clipped.nextElementSibling as HTMLButtonElement;
    expect(button.tagName).toBe('BUTTON');
    expect(button.getAttribute('type')).toBe('button');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(clipped.textContent).toBe(HOSTILE.long);
    expect(container.textContent!.length).toBeLessThan(40_000);
  });

  it('in a summary line stay clipped without a button (no control inside a control)', () => {
    const long = view(`https://${'b'.repeat(200)}.example.com/`, { main: { ip: SERVER_IP, security: firefoxTls() } });
    const { container } = render(<Report view={long} caps={FIREFOX} />);
    for (const s of container.querySelectorAll('summary')) expect(s.querySelector('button, a, summary')).toBeNull();
    // ...and the whole name is reachable elsewhere (the "Site" fact).
    fireEvent.click(container.querySelector('.host button')!);
    expect(container.querySelector('.host bdi')!.textContent).toBe(`${'b'.repeat(200)}.example.com`);
  });
});

describe('damaged page views', () => {
  it('render with "unknown" where a field is missing', () => {
    const bare = { schema: 1, tabId: 3, url: 'https://example.com/' } as unknown as PageView;
    const { container } = render(<Report view={bare} caps={FIREFOX} />);
    expect(container.querySelector('[data-verdict]')).not.toBeNull();
    expect(container.querySelector('.server-ip')!.textContent).toBe('unknown');
  });

  it('never throw, whatever the stored value', () => {
    const field = fc.oneof(fc.constant(undefined), fc.constant(null), fc.string(), fc.integer(), fc.object(), fc.array(fc.anything()));
    fc.assert(
      fc.property(
        fc.record({ url: fc.oneof(fc.constantFrom('https://example.com/', 'http://a.test/', 'about:blank', 'not a url', ''), field), main: field, hosts: field, hops: field, observed: field, scan: field }),
        (junk) => {
          const r = render(<Report view={{ schema: 1, tabId: 1, ...junk } as unknown as PageView} caps={FIREFOX} />);
          expect(r.container.querySelector('[data-verdict]')).not.toBeNull();
          r.unmount();
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('structure', () => {
  it('keeps data-verdict on the root and puts the headline first', () => {
    const { container } = render(<Report view={SCENARIOS.http.view} caps={SCENARIOS.http.caps} />);
    const root = container.firstElementChild!;
    expect(root.getAttribute('data-verdict')).toBe('not-encrypted');
    expect(root.querySelector('h1')).toBe(container.querySelector('h1'));
    const headings = [...container.querySelectorAll('h1, h2')].map((h) => h.textContent);
    expect(headings.slice(0, 3)).toEqual(['Not encrypted', 'Connection', 'Who can see what']);
  });

  it('has a real table with column and row headers', () => {
    const { container } = render(<Report view={SCENARIOS.httpsFirefox.view} caps={FIREFOX} />);
    expect(container.querySelectorAll('.why-table table th[scope="col"]')).toHaveLength(3);
    expect(container.querySelectorAll('.why-table table th[scope="row"]').length).toBeGreaterThanOrEqual(6);
    // The help says what a VPN's provider and Tor's relays would see of this page: their rows only.
    expect([...container.querySelectorAll('.vpn tr[data-observer]')].map((tr) => tr.getAttribute('data-observer'))).toEqual(['vpn']);
    expect([...container.querySelectorAll('.tor tr[data-observer]')].map((tr) => tr.getAttribute('data-observer'))).toEqual(['tor-guard', 'tor-exit']);
    for (const td of container.querySelectorAll('td[data-value]')) expect(td.textContent!.trim().length).toBeGreaterThan(0);
  });

  it("says each host's certificate days as the reader's language counts them", async () => {
    const DAY = 86_400_000;
    const tlsHost = (name: string, notAfter: number) => ({ ...host(name, 'third', ['198.51.100.9']), tls: { root: 'built-in' as const, protocol: 'TLSv1.3', issuer: 'R11', notAfter } });
    const page = view('https://example.com/', { hosts: { 'a.test': tlsHost('a.test', Date.now() + 3.5 * DAY), 'b.test': tlsHost('b.test', Date.now() + 1.5 * DAY), 'c.test': tlsHost('c.test', Date.now() - 4.5 * DAY) } });
    const days = async (lang: string) => {
      useLocale(lang);
      const { container, unmount } = render(<Report view={page} caps={FIREFOX} />);
      await waitFor(() => expect(container.querySelectorAll('.tls-days')).toHaveLength(3), { timeout: 5000 });
      const out = [...container.querySelectorAll('.tls-days')].map((el) => el.textContent).sort();
      unmount();
      return out;
    };
    expect(await days('en')).toEqual(['ended 5 days ago', 'ends in 1 day', 'ends in 3 days']);
    expect(await days('de')).toEqual(['endet in 1 Tag', 'endet in 3 Tagen', 'vor 5 Tagen abgelaufen']);
    expect(await days('ru')).toEqual(['истекает через 1 день', 'истекает через 3 дня', 'истёк 5 дней назад']);
  });

  it('pairs every coloured shape with words, and hides the shapes from screen readers', () => {
    const { container } = render(<Report view={SCENARIOS.mixed.view} caps={FIREFOX} />);
    for (const svg of container.querySelectorAll('svg')) {
      expect(svg.getAttribute('aria-hidden')).toBe('true');
      expect(svg.parentElement!.textContent!.trim().length).toBeGreaterThan(0);
    }
  });

  it('uses only native controls: links, buttons and disclosures', () => {
    const { container } = render(<Report view={SCENARIOS.httpsChrome.view} caps={SCENARIOS.httpsChrome.caps} tabId={7} />);
    // The one exception: the host table's scrolling box takes focus so the keyboard can scroll it.
    expect([...container.querySelectorAll('[tabindex]:not(a, button, summary)')].map((el) => `${el.className} ${el.getAttribute('tabindex')}`)).toEqual(['host-scroll 0']);
    for (const el of container.querySelectorAll('[onclick]')) expect(['A', 'BUTTON', 'SUMMARY']).toContain(el.tagName);
    for (const b of container.querySelectorAll('button')) expect(b.getAttribute('type')).toBe('button');
    expect(container.querySelectorAll('details > summary').length).toBeGreaterThanOrEqual(5);
  });
});

describe('actions', () => {
  it('"Open in a tab" opens this tab\'s report as a page', async () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const { getByText } = render(<Report view={SCENARIOS.http.view} caps={SCENARIOS.http.caps} tabId={7} />);
    fireEvent.click(getByText('Open in a tab'));
    await waitFor(() => expect(create).toHaveBeenCalled());
    expect(create.mock.calls[0]![0].url).toMatch(/\/popup\.html\?tab=7&view=page$/);
    await waitFor(() => expect(close).toHaveBeenCalled());
  });

  it('"Learn more" opens the extension\'s learn page', async () => {
    vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const { getByText } = render(<Report view={SCENARIOS.http.view} caps={SCENARIOS.http.caps} tabId={7} />);
    const link = getByText('Learn more');
    expect(link.getAttribute('href')).toBe('/learn.html');
    fireEvent.click(link);
    await waitFor(() => expect(create).toHaveBeenCalled());
    expect(create.mock.calls[0]![0].url).toMatch(/\/learn\.html$/);
  });

  it('as a page, offers no "Open in a tab"', () => {
    const { queryByText } = render(<Report view={SCENARIOS.http.view} tabId={7} page />);
    expect(queryByText('Open in a tab')).toBeNull();
  });
});

describe('the popup app', () => {
  it('reads ?tab=, the stored view and the stored capabilities, and follows changes live', async () => {
    window.history.replaceState(null, '', '/popup.html?tab=7');
    await fakeBrowser.storage.session.set({ [tabKey(7)]: SCENARIOS.httpsFirefox.view, [CAPABILITIES_KEY]: FIREFOX });
    const { container } = render(<App />);
    await waitFor(() => expect(container.querySelector('[data-verdict]')?.getAttribute('data-verdict')).toBe('encrypted'));
    expect(container.querySelector('.tls')!.textContent).toBe('TLS 1.3');
    expect(container.querySelector('.open-tab')).not.toBeNull();
    await fakeBrowser.storage.session.set({ [tabKey(7)]: { ...SCENARIOS.http.view, tabId: 7 } });
    await waitFor(() => expect(container.querySelector('[data-verdict]')?.getAttribute('data-verdict')).toBe('not-encrypted'));
  });

  it('shows the posture the background stored with the view, not one of its own', async () => {
    window.history.replaceState(null, '', '/popup.html?tab=7');
    const stored = { ...assess(SCENARIOS.http.view), verdict: 'mixed' as const };
    await fakeBrowser.storage.session.set({ [tabKey(7)]: SCENARIOS.http.view, [postureKey(7)]: stored });
    const { container } = render(<App />);
    await waitFor(() => expect(container.querySelector('[data-verdict]')?.getAttribute('data-verdict')).toBe('mixed'));
    // A posture of another page (the view moved on without it) is not trusted: the view is assessed.
    await fakeBrowser.storage.session.set({ [tabKey(7)]: { ...SCENARIOS.http.view, url: 'http://other.example/' } });
    await waitFor(() => expect(container.querySelector('[data-verdict]')?.getAttribute('data-verdict')).toBe('not-encrypted'));
  });

  it('without stored capabilities, says what this build expects rather than guessing facts', async () => {
    window.history.replaceState(null, '', '/popup.html?tab=7');
    await fakeBrowser.storage.session.set({ [tabKey(7)]: SCENARIOS.httpsChrome.view });
    const { container } = render(<App />);
    await waitFor(() => expect(container.querySelector('.tls')).not.toBeNull());
    // Chrome build, capabilities not probed yet: "not known yet", not a made-up value.
    expect(container.querySelector('.issued-to')!.textContent).toMatch(/not known yet/);
  });

  it('as "open in a tab" page (?view=page), hides the button', async () => {
    window.history.replaceState(null, '', '/popup.html?tab=7&view=page');
    await fakeBrowser.storage.session.set({ [tabKey(7)]: SCENARIOS.http.view });
    const { container } = render(<App />);
    await waitFor(() => expect(container.querySelector('[data-verdict="not-encrypted"]')).not.toBeNull());
    expect(container.querySelector('.open-tab')).toBeNull();
    await waitFor(() => expect(document.title).toBe('Onlooker: example.com'));
  });
});
