// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Learn } from '@/components/Learn';
import { useLocale } from '../support/setup';

afterEach(cleanup);

describe('the learn-more page', () => {
  it('explains every section of the report, reachable from its contents', () => {
    const { container } = render(<Learn />);
    const ids = [...container.querySelectorAll('section')].map((s) => s.id);
    expect(ids).toEqual(['verdicts', 'protected', 'not-protected', 'who', 'vpn', 'tor', 'browsers', 'sources']);
    const toc = [...container.querySelectorAll('nav a')].map((a) => a.getAttribute('href'));
    expect(toc).toEqual(ids.map((id) => `#${id}`));
    for (const s of container.querySelectorAll('section')) expect(s.querySelector('h2')!.id).toBe(s.getAttribute('aria-labelledby'));
  });

  it('cites its sources, and links them without sending a referrer', () => {
    const { container } = render(<Learn />);
    const text = container.textContent!;
    for (const rfc of ['RFC 8446', 'RFC 9001', 'RFC 9849', 'RFC 8484', 'RFC 7858', 'RFC 6797', 'RFC 6962', 'RFC 9162', 'RFC 7686']) expect(text).toContain(rfc);
    const links = [...container.querySelectorAll('#sources a')];
    expect(links.length).toBeGreaterThanOrEqual(12);
    for (const a of links) {
      expect(a.getAttribute('href')).toMatch(/^https:\/\//);
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
  });

  it('names every verdict with its meaning', () => {
    const { container } = render(<Learn />);
    expect(container.querySelectorAll('#verdicts dt')).toHaveLength(9);
    expect(container.querySelector('#verdicts')!.textContent).toContain('Encrypted to an added certificate authority');
  });

  it.each(['en', 'de', 'fr', 'es'])('%s: every word resolves and nothing claims anonymity', (lang) => {
    useLocale(lang);
    const { container } = render(<Learn />);
    const text = container.textContent!;
    expect(text).not.toMatch(/\b(learn|source|verdict|why|seeing|subject|vpn|tor)_[A-Za-z]/);
    expect(text).not.toMatch(/anonym|anónim/i);
  });
});
