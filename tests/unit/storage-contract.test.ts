import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess } from '@/utils/assess';
import { CHROME_DEFAULT } from '@/utils/capabilities';
import { CapabilityStore } from '@/utils/capture/capabilities-store';
import { Recorder } from '@/utils/recorder';
import { STORAGE_ITEMS, capabilities, itemFor, readItem, tabPosture, tabView } from '@/utils/storage/items';
import { TabStore } from '@/utils/tab-store';
import { hostilePage } from '../fixtures/events';
import { QuotaArea } from '../fixtures/storage';

// One module owns every stored key: what the background writes is owned by an item of the contract,
// each item's validator is total, and the popup reads storage without the capture layer.

describe('the storage contract', () => {
  it('names each key once, and no prefix swallows another key', () => {
    const names = STORAGE_ITEMS.map((i) => `${i.area}:${i.kind === 'single' ? i.key : i.prefix}`);
    expect(new Set(names).size).toBe(names.length);
    for (const i of STORAGE_ITEMS) {
      const key = i.kind === 'single' ? i.key : `${i.prefix}12`;
      expect(itemFor(key, i.area)).toBe(i);
      expect(itemFor(key, i.area === 'session' ? 'local' : 'session')).toBeUndefined();
    }
    expect(itemFor('tab:12x', 'session')).toBeUndefined();
    expect(itemFor('settings-of-someone-else', 'session')).toBeUndefined();
  });

  it('owns every key the background writes', async () => {
    const area = new QuotaArea();
    const store = new TabStore(area, 0, undefined, assess);
    const caps = new CapabilityStore(area, CHROME_DEFAULT);
    await caps.ready;
    caps.set({ browser: 'chrome', securityInfo: 'none' });
    const rec = new Recorder();
    for (const e of hostilePage(3)) rec.apply(e);
    store.save(rec.view(3)!);
    await store.flush();
    await new Promise((r) => setTimeout(r, 0));
    expect([...area.data.keys()].sort()).toEqual(['capabilities', 'posture:3', 'tab:3']);
    for (const [key, json] of area.data) {
      const item = itemFor(key, 'session');
      expect(item, key).toBeDefined();
      // What was written passes the validator it will be read through.
      expect(item!.validate(JSON.parse(json), key), key).toBeDefined();
    }
  });

  it('has validators that never throw and reject anything that is not their value', () => {
    for (const item of STORAGE_ITEMS) {
      const key = item.kind === 'single' ? item.key : `${item.prefix}1`;
      fc.assert(
        fc.property(fc.anything({ withNullPrototype: true, withObjectString: true, withBigInt: true }), (junk) => {
            expect(item.validate(junk, key)).toBeUndefined();
          }),
        { numRuns: 200 },
      );
    }
  });

  it('drops an invalid single item and falls back to its default', async () => {
    const area = new QuotaArea();
    area.data.set('capabilities', JSON.stringify({ browser: 'chrome', securityInfo: '<script>' }));
    expect(await readItem(area, capabilities)).toBeUndefined();
    expect(area.data.has('capabilities')).toBe(false);
    area.data.set('capabilities', JSON.stringify({ browser: 'firefox', securityInfo: 'firefox', extra: 1 }));
    expect(await readItem(area, capabilities)).toEqual({ browser: 'firefox', securityInfo: 'firefox' });
  });

  it('accepts a recorded view and an assessed posture only for the right tab', () => {
    const rec = new Recorder();
    for (const e of hostilePage(3)) rec.apply(e);
    const v = JSON.parse(JSON.stringify(rec.view(3)));
    expect(tabView.validate(v, 'tab:3')).toBeDefined();
    expect(tabView.validate(v, 'tab:4')).toBeUndefined();
    const p = JSON.parse(JSON.stringify(assess(rec.view(3)!)));
    expect(tabPosture.validate(p, 'posture:3')).toEqual(p);
    expect(tabPosture.validate({ ...p, verdict: 'safe' }, 'posture:3')).toBeUndefined();
    expect(tabPosture.validate({ ...p, findings: [{ id: 'insecure-requests', hosts: [{}] }] }, 'posture:3')).toBeUndefined();
  });
});

/** Every module a file imports, statically or dynamically, resolved within the repository. */
function importGraph(entry: string): Set<string> {
  const root = resolve(__dirname, '../..');
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      const spec = m[1]!;
      if (!spec.startsWith('.') && !spec.startsWith('@/')) continue;
      const base = spec.startsWith('@/') ? join(root, spec.slice(2)) : resolve(dirname(file), spec);
      const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find((p) => /\.tsx?$/.test(p) && existsSync(p));
      if (found) visit(found);
    }
  };
  visit(join(root, entry));
  return new Set([...seen].map((f) => f.slice(root.length + 1)));
}

describe('the popup', () => {
  it('imports nothing from the capture layer', () => {
    const graph = importGraph('entrypoints/popup/main.tsx');
    expect(graph.has('components/useTabReport.ts')).toBe(true);
    expect(graph.has('utils/storage/items.ts')).toBe(true);
    expect([...graph].filter((f) => f.startsWith('utils/capture/'))).toEqual([]);
  });
});

describe('the extension pages', () => {
  // The pages call the browser's own promise API (utils/page-api.ts); the polyfill would add 2.8 KB
  // of gzipped script before the popup's first paint. Importing its types is free.
  it.each(['entrypoints/popup/main.tsx', 'entrypoints/options/main.tsx', 'entrypoints/learn/main.tsx'])('%s loads no polyfill', (entry) => {
    const graph = importGraph(entry);
    expect(graph.has('utils/page-api.ts')).toBe(true);
    const root = resolve(__dirname, '../..');
    const loading = [...graph].filter((f) => /^import\s+(?!type\b)[^;]*['"]webextension-polyfill['"]/m.test(readFileSync(join(root, f), 'utf8')));
    expect(loading).toEqual([]);
  });
});

