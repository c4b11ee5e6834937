// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Report } from '../support/report';
import { SCENARIOS, SERVER_IP } from '../fixtures/popup-scenarios';

/** The share actions load after the report's first paint: wait until every late part is in. */
const settled = (c: Element) => waitFor(() => expect(c.querySelector('[data-settled]')).not.toBeNull());

// The share actions on the report: each copies the export the report model gives, with the user's
// redaction choices, and says so; a refused clipboard is said too, never a false "Copied".

afterEach(cleanup);

let written: string[] = [];
let refuse = false;
beforeEach(() => {
  written = [];
  refuse = false;
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: vi.fn(async (s: string) => (refuse ? Promise.reject(new DOMException('denied', 'NotAllowedError')) : void written.push(s))) },
  });
});

const status = (c: Element) => c.querySelector('.share-status')!;

describe('share actions', () => {
  it('Copy as Markdown writes the Markdown export and says "Copied"', async () => {
    const s = SCENARIOS.mixed;
    const { container } = render(<Report view={s.view} caps={s.caps} />);
    await settled(container);
    fireEvent.click(container.querySelector('.copy-markdown')!);
    await waitFor(() => expect(status(container).textContent).toBe('Copied'));
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^# Onlooker report for `example.com`/);
    expect(written[0]).toContain('Encrypted, with insecure parts');
    expect(written[0]).toContain(SERVER_IP);
  });

  it('Copy as text honours "Omit IP addresses"', async () => {
    const s = SCENARIOS.httpsFirefox;
    const { container } = render(<Report view={s.view} caps={s.caps} />);
    await settled(container);
    fireEvent.click(container.querySelector('.omit-addresses')!);
    fireEvent.click(container.querySelector('.copy-text')!);
    await waitFor(() => expect(status(container).textContent).toBe('Copied'));
    expect(written[0]).toMatch(/^Onlooker report for example\.com\n/);
    expect(written[0]).not.toContain(SERVER_IP);
    expect(written[0]).toContain('[address omitted]');
  });

  it('a refused clipboard says so, not "Copied"', async () => {
    refuse = true;
    const s = SCENARIOS.http;
    const { container } = render(<Report view={s.view} caps={s.caps} />);
    await settled(container);
    fireEvent.click(container.querySelector('.copy-text')!);
    await waitFor(() => expect(status(container).getAttribute('data-status')).toBe('failed'));
    expect(status(container).textContent).toMatch(/did not allow copying/);
  });

  it('Print only on the tab page', async () => {
    const s = SCENARIOS.http;
    const popup = render(<Report view={s.view} caps={s.caps} />);
    await settled(popup.container);
    expect(popup.container.querySelector('.print')).toBeNull();
    cleanup();
    const page = render(<Report view={s.view} caps={s.caps} page />);
    await settled(page.container);
    expect(page.container.querySelector('.print')?.textContent).toBe('Print');
  });
});
