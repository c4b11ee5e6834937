import { readFileSync } from 'node:fs';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// The fake browser has no i18n: give it the real English catalogue, with Chrome's placeholder rules,
// so that components and the badge read the same words they do in the browser.
type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const en = JSON.parse(readFileSync(new URL('../../public/_locales/en/messages.json', import.meta.url), 'utf8')) as Catalogue;

export function formatMessage(cat: Catalogue, key: string, subs?: string | string[]): string {
  const entry = cat[key];
  if (!entry) return '';
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  const byName = (name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (_, n: string) => list[Number(n) - 1] ?? '');
  };
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (_, name: string) => byName(name)).replace(/\$\$/g, '$');
}

(fakeBrowser as unknown as { i18n: object }).i18n = {
  getMessage: (key: string, subs?: string | string[]) => formatMessage(en, key, subs),
  getUILanguage: () => 'en',
};

beforeEach(() => {
  fakeBrowser.reset();
});
