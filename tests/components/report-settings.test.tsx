// @vitest-environment happy-dom
import { cleanup, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SETTINGS_KEY } from '@/utils/storage/settings';
import { Report } from '../support/report';
import { SCENARIOS } from '../fixtures/popup-scenarios';

// What the user said in the settings changes how the page is marked, never what is true of it: a root
// they expect is still named first as able to read and change the page; a quiet host is still plain http.

afterEach(cleanup);

describe('the report under the user\'s settings', () => {
  it('a root marked as expected is still said, first, to read and change the page, and named as expected', async () => {
    const v = structuredClone(SCENARIOS.customRoot.view);
    const certs = v.main.security!.certificates;
    certs[certs.length - 1]!.sha256 = 'AB:'.repeat(31) + 'AB';
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { schema: 1, badge: 'all', knownRoots: [{ sha256: 'ab'.repeat(32), label: 'Corp', added: 1 }], quietHosts: [] } });
    const { container } = render(<Report view={v} caps={SCENARIOS.customRoot.caps} />);
    await waitFor(() => expect(container.querySelector('.content')?.textContent).toMatch(/you marked as expected, can read and change it/));
    expect(container.querySelector('.content')!.textContent).toMatch(/Example Corp Inspection Root/);
    expect(container.querySelector('.identity')!.textContent).toMatch(/you marked as expected/);
    expect(container.querySelector('.root-offer')).toBeNull();
  });

  it('an added root not marked yet is offered, and said to read and change the page', async () => {
    const v = structuredClone(SCENARIOS.customRoot.view);
    const certs = v.main.security!.certificates;
    certs[certs.length - 1]!.sha256 = 'CD:'.repeat(31) + 'CD';
    const { container } = render(<Report view={v} caps={SCENARIOS.customRoot.caps} />);
    expect(container.querySelector('.content')!.textContent).toMatch(/whoever holds the added certificate authority can read and change it/);
    await waitFor(() => expect(container.querySelector('.root-offer button')?.textContent).toBeTruthy());
  });

  it('a quiet host is still not encrypted, and the report says the badge is off by the user\'s choice', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { schema: 1, badge: 'all', knownRoots: [], quietHosts: ['example.com'] } });
    const { container } = render(<Report view={SCENARIOS.http.view} caps={SCENARIOS.http.caps} />);
    await waitFor(() => expect(container.querySelector('.expected')?.textContent).toMatch(/marked this site as expected over plain HTTP/));
    expect(container.querySelector('.content')!.textContent).toMatch(/not encrypted/);
    expect(container.querySelector('[data-verdict]')!.getAttribute('data-verdict')).toBe('not-encrypted');
  });
});
