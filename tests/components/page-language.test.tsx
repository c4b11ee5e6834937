// @vitest-environment happy-dom
import { cleanup, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPageLanguage, pageLanguage } from '@/components/page-language';
import { Report } from '../support/report';
import { FIREFOX, firefoxTls, HOSTILE, host, LEAF, SERVER_IP, view } from '../fixtures/popup-scenarios';
import { localeFolders, pseudoCatalogue, readLocale, rtlStandIn } from '../support/pseudo-locales';
import { useLocale } from '../support/setup';

afterEach(cleanup);

const RTL = new Set(['ar', 'fa', 'he', 'ur']);
const en = readLocale('en');

describe('lang and dir of the extension pages', () => {
  it.each(localeFolders())('%s: lang is the catalogue, dir its direction', (folder) => {
    useLocale(folder, undefined, folder.replace('_', '-'));
    expect(pageLanguage()).toEqual({ lang: folder.replace('_', '-'), dir: RTL.has(folder.split('_')[0]!) ? 'rtl' : 'ltr' });
  });

  it('Arabic (a stand-in until the real catalogue lands) is right to left', () => {
    useLocale('ar', rtlStandIn(en), 'ar');
    expect(pageLanguage()).toEqual({ lang: 'ar', dir: 'rtl' });
    useLocale('ar', rtlStandIn(en), 'ar-EG');
    expect(pageLanguage().dir).toBe('rtl');
  });

  it('English words in a right-to-left browser without a catalogue of its own stay left to right', () => {
    useLocale('he', en, 'he');
    expect(pageLanguage()).toEqual({ lang: 'en', dir: 'ltr' });
  });

  it('the pseudo-locale is English, left to right', () => {
    useLocale('en', pseudoCatalogue(en), 'en-US');
    expect(pageLanguage()).toEqual({ lang: 'en', dir: 'ltr' });
  });

  it('is set on the document element, replacing what the HTML said', () => {
    document.documentElement.lang = 'xx';
    document.documentElement.dir = 'ltr';
    useLocale('ar', rtlStandIn(en), 'ar');
    applyPageLanguage();
    expect(document.documentElement.getAttribute('lang')).toBe('ar');
    expect(document.documentElement.getAttribute('dir')).toBe('rtl');
    useLocale('de');
    applyPageLanguage();
    expect(document.documentElement.getAttribute('lang')).toBe('de');
    expect(document.documentElement.getAttribute('dir')).toBe('ltr');
  });
});

describe('page-controlled values inside right-to-left sentences', () => {
  const ISSUER = 'Example Issuing CA 7';
  const page = () =>
    view('https://shop.example.com/cart', {
      main: { status: 200, ip: SERVER_IP, security: firefoxTls({ certificates: [{ ...LEAF, issuerCommonName: ISSUER }, { subjectCommonName: 'Example Root', isBuiltInRoot: true }] }) },
      hosts: {
        'shop.example.com': host('shop.example.com', 'first', [SERVER_IP]),
        'cdn.example.net': host('cdn.example.net', 'third', ['2001:db8::1', '198.51.100.7']),
        [HOSTILE.rlo]: host(HOSTILE.rlo, 'third', ['198.51.100.2']),
      },
    });

  /** The text nodes that contain `value`, each with the element that isolates it. */
  const isolations = (root: Element, value: string) => {
    const walker = document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    const found: (Element | null)[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent!.includes(value)) found.push(n.parentElement!.closest('bdi'));
    return found;
  };

  it.each([
    ['the stand-in Arabic', () => useLocale('ar', rtlStandIn(en), 'ar')],
    ['the pseudo-locale', () => useLocale('en', pseudoCatalogue(en), 'en')],
  ])('in %s, every hostname, IP and certificate name is isolated and left to right', async (_, locale) => {
    locale();
    const { container } = render(<Report view={page()} caps={FIREFOX} />);
    await waitFor(() => expect(container.querySelector('.host-table')).not.toBeNull(), { timeout: 5000 });
    for (const value of ['shop.example.com', 'cdn.example.net', SERVER_IP, '2001:db8::1', '198.51.100.7', ISSUER]) {
      const found = isolations(container, value);
      expect(found.length, value).toBeGreaterThan(0);
      for (const bdi of found) {
        expect(bdi, `${value} is not in a <bdi>`).not.toBeNull();
        expect(bdi!.getAttribute('dir'), value).toBe('ltr');
      }
    }
    // Every inert value, whatever it is, is a left-to-right isolate.
    const inert = [...container.querySelectorAll('.inert')];
    expect(inert.length).toBeGreaterThan(8);
    for (const el of inert) expect([el.tagName, el.getAttribute('dir')]).toEqual(['BDI', 'ltr']);
  });
});
