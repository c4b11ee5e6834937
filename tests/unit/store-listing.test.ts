import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedFiles, LIMITS, listingFor, permissionRows, problems, readCatalogues, ROOT } from '../../scripts/store-listing';

// docs/store is generated from the locale files and the README: it must say what they say now.

const catalogues = readCatalogues();

describe('store listing', () => {
  it.each(expectedFiles().map((f) => [f.path.slice(ROOT.length), f] as const))('%s is up to date (npm run store:listing)', (_, f) => {
    expect(readFileSync(f.path, 'utf8')).toBe(f.content);
  });

  it('has every shipped language', () => {
    const listing = readFileSync(join(ROOT, 'docs/store/listing.md'), 'utf8');
    const shipped = readdirSync(join(ROOT, 'public/_locales')).sort();
    expect(shipped.length).toBeGreaterThanOrEqual(4);
    expect([...listing.matchAll(/^## (\S+)$/gm)].map((m) => m[1])).toEqual(shipped);
  });

  it.each(Object.keys(catalogues))('%s: name and summary are the manifest strings and fit the stores', (lang) => {
    const c = catalogues[lang]!;
    const l = listingFor(lang, c);
    expect(l.name).toBe(c.extName!.message);
    expect(l.summary).toBe(c.extDescription!.message);
    expect(problems(l)).toEqual([]);
    expect(l.description.startsWith(l.summary)).toBe(true);
  });

  it('refuses a missing message, a placeholder and text over the limits', () => {
    const en = catalogues.en!;
    const { learn_np_ip: _, ...missing } = en;
    expect(() => listingFor('xx', missing)).toThrow(/learn_np_ip/);
    expect(() => listingFor('xx', { ...en, learn_np_ip: { message: 'at $HOST$' } })).toThrow(/placeholder/);
    const long = listingFor('xx', { ...en, extName: { message: 'n'.repeat(LIMITS.name + 1) }, extDescription: { message: 's'.repeat(LIMITS.summary + 1) } });
    expect(problems(long)).toHaveLength(2);
  });

  it('adds store_privacy when a locale has it', () => {
    const en = catalogues.en!;
    expect(listingFor('xx', { ...en, store_privacy: { message: 'Nothing leaves this device.' } }).description.endsWith('Nothing leaves this device.')).toBe(true);
  });
});

describe('permission justifications', () => {
  const rows = permissionRows(readFileSync(join(ROOT, 'README.md'), 'utf8'));

  it('justify every permission the manifest asks for', () => {
    const config = readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8');
    const asked = [...(/permissions: \[([\s\S]*?)\]/.exec(config)?.[1] ?? '').matchAll(/(?<!=== )'([A-Za-z]+)'/g)].map((m) => m[1]!);
    expect(asked).toEqual(expect.arrayContaining(['webRequest', 'webRequestBlocking', 'storage']));
    for (const p of asked) expect(rows.some((r) => r.permission.startsWith(`\`${p}\``) && r.why.length > 40)).toBe(true);
    expect(config).toContain("host_permissions: ['<all_urls>']");
    expect(rows.some((r) => r.permission.includes('<all_urls>'))).toBe(true);
  });

  it('fail loudly when the README loses its table', () => {
    expect(() => permissionRows('# Onlooker\n\n## Other\n')).toThrow(/Permissions/);
  });
});
