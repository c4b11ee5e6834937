import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { withBadgeMode, withKnownRoot, withoutKnownRoot, withoutQuietHost, withQuietHost } from '@/utils/settings-edit';
import { readSettings, updateSettings, watchSettings, type StorageListener } from '@/utils/settings-store';
import { defaultSettings, isKnownRoot, parseSettings, rootFingerprint, SETTINGS_KEY, SETTINGS_LIMITS, type Settings } from '@/utils/storage/settings';

const FP = 'AB:'.repeat(31) + 'AB';
const fp = 'ab'.repeat(32);

describe('parseSettings', () => {
  it('reads a valid value as it is', () => {
    const s: Settings = { schema: 1, badge: 'serious', knownRoots: [{ sha256: fp, label: 'Corp Root', added: 1_700_000_000_000 }], quietHosts: ['nas.example.lan', '*.home.arpa', '192.168.1.0/24'], memory: false, memoryDays: 30, hostTls: true };
    expect(parseSettings(s)).toEqual(s);
  });

  it('turns anything that is not settings into the defaults', () => {
    for (const raw of [undefined, null, 0, 'all', [], [1, 2], true, () => 1, new Date(0)]) expect(parseSettings(raw)).toEqual(defaultSettings());
  });

  it('replaces each invalid field by its default and keeps the valid ones', () => {
    expect(parseSettings({ badge: 'loud', quietHosts: ['printer.lan'] })).toEqual({ ...defaultSettings(), quietHosts: ['printer.lan'] });
    expect(parseSettings({ badge: 'off', knownRoots: 'all of them', quietHosts: { a: 1 } })).toEqual({ ...defaultSettings(), badge: 'off' });
    expect(parseSettings({ schema: 99, badge: 'serious' }).schema).toBe(1);
  });

  it('drops invalid entries, keeps valid ones in order, and removes duplicates', () => {
    const s = parseSettings({
      knownRoots: [{ sha256: FP, label: 'A' }, { sha256: fp, label: 'again' }, { sha256: 'zz', label: 'bad' }, null, 'x', { label: 'no fingerprint' }],
      quietHosts: ['NAS.Example.LAN.', 'nas.example.lan', 'not a host', '8.8.0.0/16', '100.64.0.0/10', '*.com', 42, '[fd00::1]'],
    });
    expect(s.knownRoots).toEqual([{ sha256: fp, label: 'A', added: 0 }]);
    expect(s.quietHosts).toEqual(['nas.example.lan', 'fd00::1']);
  });

  it('bounds every list and every label', () => {
    const roots = Array.from({ length: 500 }, (_, i) => ({ sha256: i.toString(16).padStart(64, '0'), label: 'x'.repeat(5000), added: i }));
    const hosts = Array.from({ length: 500 }, (_, i) => `host${i}.lan`);
    const s = parseSettings({ knownRoots: roots, quietHosts: hosts });
    expect(s.knownRoots.length).toBe(SETTINGS_LIMITS.knownRoots);
    expect(s.quietHosts.length).toBe(SETTINGS_LIMITS.quietHosts);
    expect(Math.max(...s.knownRoots.map((r) => r.label.length))).toBe(SETTINGS_LIMITS.labelChars);
  });

  it('strips control and direction characters from labels, and refuses odd timestamps', () => {
    const [r] = parseSettings({ knownRoots: [{ sha256: fp, label: '\u202eCorp\u0000 Root\n', added: -5 }] }).knownRoots;
    expect(r).toEqual({ sha256: fp, label: 'Corp Root', added: 0 });
    expect(parseSettings({ knownRoots: [{ sha256: fp, label: 'x', added: Infinity }] }).knownRoots[0]!.added).toBe(0);
  });

  it('survives getters and proxies that throw', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); } });
    const getter = Object.defineProperty({}, 'badge', { get: () => { throw new Error('boom'); }, enumerable: true });
    const list = new Proxy([1], { get: () => { throw new Error('boom'); } });
    for (const raw of [hostile, getter, { knownRoots: list, quietHosts: list }, { knownRoots: [hostile], quietHosts: [hostile] }]) {
      expect(() => parseSettings(raw)).not.toThrow();
      expect(parseSettings(raw).badge).toBe('all');
    }
  });

  it('never throws, always yields valid bounded settings, and is idempotent (property)', () => {
    const entry = fc.oneof(fc.anything(), fc.record({ sha256: fc.oneof(fc.string(), fc.stringMatching(/^[0-9a-fA-F:]{64,95}$/)), label: fc.anything(), added: fc.anything() }));
    const raw = fc.oneof(
      fc.anything(),
      fc.record({ schema: fc.anything(), badge: fc.oneof(fc.constantFrom('all', 'serious', 'off'), fc.anything()), knownRoots: fc.oneof(fc.anything(), fc.array(entry)), quietHosts: fc.oneof(fc.anything(), fc.array(fc.oneof(fc.string(), fc.ipV4(), fc.ipV6(), fc.domain(), fc.anything()))) }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(raw, (r) => {
        const s = parseSettings(r);
        expect(['all', 'serious', 'off']).toContain(s.badge);
        expect(s.schema).toBe(1);
        expect(s.knownRoots.length).toBeLessThanOrEqual(SETTINGS_LIMITS.knownRoots);
        expect(s.quietHosts.length).toBeLessThanOrEqual(SETTINGS_LIMITS.quietHosts);
        for (const k of s.knownRoots) expect(k.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(parseSettings(JSON.parse(JSON.stringify(s)))).toEqual(s);
      }),
      { numRuns: 500 },
    );
  });
});

describe('root fingerprints', () => {
  it('normalise Firefox colon-separated uppercase hex to lowercase hex without separators', () => {
    expect(rootFingerprint(FP)).toBe(fp);
    expect(rootFingerprint(fp.toUpperCase())).toBe(fp);
    for (const bad of ['', 'ab', fp + 'ab', 'g'.repeat(64), 7, undefined]) expect(rootFingerprint(bad)).toBeUndefined();
  });

  it('are matched in either form', () => {
    const s = parseSettings({ knownRoots: [{ sha256: fp, label: 'A', added: 1 }] });
    expect(isKnownRoot(s, FP)).toBe(true);
    expect(isKnownRoot(s, fp)).toBe(true);
    expect(isKnownRoot(s, 'cd'.repeat(32))).toBe(false);
    expect(isKnownRoot(s, undefined)).toBe(false);
  });
});

describe('settings edits', () => {
  it('adds and removes quiet hosts in their canonical form, with a reason for each refusal', () => {
    let s = defaultSettings();
    const r = withQuietHost(s, ' Printer.LAN ');
    expect(r).toEqual({ ok: true, settings: { ...s, quietHosts: ['printer.lan'] } });
    s = r.ok ? r.settings : s;
    expect(withQuietHost(s, 'printer.lan')).toEqual({ ok: false, problem: 'duplicate' });
    expect(withQuietHost(s, '8.8.8.0/24')).toEqual({ ok: false, problem: 'public-range' });
    expect(withQuietHost(s, '100.64.0.0/16')).toEqual({ ok: false, problem: 'shared-range' });
    expect(withQuietHost(s, '*.com')).toEqual({ ok: false, problem: 'too-broad' });
    expect(withQuietHost(s, 'http://x/')).toEqual({ ok: false, problem: 'invalid' });
    expect(withoutQuietHost(s, 'printer.lan').quietHosts).toEqual([]);
    const full = { ...s, quietHosts: Array.from({ length: SETTINGS_LIMITS.quietHosts }, (_, i) => `h${i}.lan`) };
    expect(withQuietHost(full, 'one-more.lan')).toEqual({ ok: false, problem: 'full' });
  });

  it('marks a root once, keeps the first mark, and removes it by either fingerprint form', () => {
    const s0 = defaultSettings();
    const r = withKnownRoot(s0, { sha256: FP, label: 'Corp Root' }, 5);
    expect(r.ok && r.settings.knownRoots).toEqual([{ sha256: fp, label: 'Corp Root', added: 5 }]);
    const s1 = r.ok ? r.settings : s0;
    expect(withKnownRoot(s1, { sha256: fp, label: 'other' }, 9)).toEqual({ ok: true, settings: s1 });
    expect(withKnownRoot(s1, { sha256: 'nope', label: 'x' }, 9)).toEqual({ ok: false, problem: 'invalid' });
    expect(withoutKnownRoot(s1, FP).knownRoots).toEqual([]);
    expect(withBadgeMode(s1, 'off').badge).toBe('off');
    expect(s0).toEqual(defaultSettings());
  });
});

describe('settings in storage.local', () => {
  it('reads the defaults when storage fails or holds nothing', async () => {
    expect(await readSettings({ get: () => Promise.reject(new Error('gone')), set: async () => {} })).toEqual(defaultSettings());
    expect(await readSettings(undefined)).toEqual(defaultSettings());
    expect(await readSettings(fakeBrowser.storage.local)).toEqual(defaultSettings());
  });

  it('writes only validated settings', async () => {
    await updateSettings(fakeBrowser.storage.local, (s) => ({ ...s, badge: 'off', quietHosts: ['Printer.LAN', '8.8.8.8/8'] }));
    expect((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).toEqual({ ...defaultSettings(), badge: 'off', quietHosts: ['printer.lan'] });
  });

  it('watches the settings key of storage.local only, validated, until unsubscribed', () => {
    const listeners = new Set<StorageListener>();
    const events = { addListener: (l: StorageListener) => void listeners.add(l), removeListener: (l: StorageListener) => void listeners.delete(l) };
    const seen: Settings[] = [];
    const stop = watchSettings(events, (s) => seen.push(s));
    const fire = (changes: Record<string, { newValue?: unknown }>, area: string) => listeners.forEach((l) => l(changes, area));
    fire({ [SETTINGS_KEY]: { newValue: { badge: 'off' } } }, 'session');
    fire({ other: { newValue: 1 } }, 'local');
    fire({ [SETTINGS_KEY]: { newValue: { badge: 'serious' } } }, 'local');
    fire({ [SETTINGS_KEY]: {} }, 'local');
    expect(seen.map((s) => s.badge)).toEqual(['serious', 'all']);
    stop();
    expect(listeners.size).toBe(0);
  });
});

describe('memory settings', () => {
  it('is on for 180 days unless a valid value says otherwise; a settings value from before memory keeps its other fields', () => {
    const old = { schema: 1, badge: 'off', knownRoots: [], quietHosts: [] };
    expect(parseSettings(old)).toMatchObject({ badge: 'off', memory: true, memoryDays: 180 });
    expect(parseSettings({ ...old, memory: false, memoryDays: 7 })).toMatchObject({ memory: false, memoryDays: 7 });
    for (const memoryDays of [0, -1, 1.5, 3651, '30', NaN, null]) expect(parseSettings({ ...old, memoryDays }).memoryDays).toBe(180);
    for (const memory of ['no', 0, null]) expect(parseSettings({ ...old, memory }).memory).toBe(true);
  });
});

// Written for the mutants that survived in utils/storage/settings.ts: each bound at its edge, each
// class of character a label may not carry.
describe('parseSettings at its edges', () => {
  it('accepts the first and last number of days, and only whole ones', () => {
    const { min, max } = SETTINGS_LIMITS.memoryDays;
    expect(parseSettings({ memoryDays: min }).memoryDays).toBe(min);
    expect(parseSettings({ memoryDays: max }).memoryDays).toBe(max);
    expect(parseSettings({ memoryDays: min - 1 }).memoryDays).toBe(180);
    expect(parseSettings({ memoryDays: max + 1 }).memoryDays).toBe(180);
  });

  it('drops C0, C1, zero-width, bidi-embedding and isolate characters from labels, and trims them', () => {
    const label = (raw: string) => parseSettings({ knownRoots: [{ sha256: fp, label: raw, added: 1 }] }).knownRoots[0]!.label;
    expect(label('  Corp Root  ')).toBe('Corp Root');
    for (const c of ['\u0000', '\u001f', '\u007f', '\u0085', '\u009f', '\u200b', '\u200f', '\u202a', '\u202e', '\u2066', '\u2069']) {
      expect(label(`A${c}B`), c.charCodeAt(0).toString(16)).toBe('AB');
    }
    // Ordinary text around those ranges stays.
    expect(label('A\u00a0B\u2010C\u2070D')).toBe('A\u00a0B\u2010C\u2070D');
  });

  it('keeps a whole timestamp, rounds a fractional one down, and refuses one that is not a number', () => {
    const added = (a: unknown) => parseSettings({ knownRoots: [{ sha256: fp, label: 'x', added: a }] }).knownRoots[0]!.added;
    expect(added(0)).toBe(0);
    expect(added(1_700_000_000_000.9)).toBe(1_700_000_000_000);
    expect(added('1700000000000')).toBe(0);
    expect(added(NaN)).toBe(0);
  });

  it('reads only a fingerprint of exactly 64 hex digits, whatever surrounds it', () => {
    for (const bad of [`z${fp}`, `${fp}z`, ` ${fp}`, `${fp}\n`, fp.slice(1)]) expect(rootFingerprint(bad), bad).toBeUndefined();
    expect(rootFingerprint(`:${FP}:`)).toBe(fp);
  });

  it('keeps the first of each root and of each host, up to the bound, looking past invalid entries', () => {
    const roots = [...Array.from({ length: 20 }, () => 'junk'), ...Array.from({ length: 60 }, (_, i) => ({ sha256: i.toString(16).padStart(64, '0'), label: `r${i}` }))];
    const s = parseSettings({ knownRoots: roots, quietHosts: [...Array.from({ length: 30 }, () => 'not a host'), ...Array.from({ length: 120 }, (_, i) => `h${i}.lan`)] });
    expect(s.knownRoots.map((r) => r.label)).toEqual(Array.from({ length: SETTINGS_LIMITS.knownRoots }, (_, i) => `r${i}`));
    expect(s.quietHosts).toEqual(Array.from({ length: SETTINGS_LIMITS.quietHosts }, (_, i) => `h${i}.lan`));
  });

  it('reads no field of a value that is not a plain record, nor a list that is not a list', () => {
    for (const raw of [Object.assign(() => 1, { badge: 'off', hostTls: true }), Object.assign([], { badge: 'off', hostTls: true })]) {
      expect(parseSettings(raw)).toEqual(defaultSettings());
    }
    expect(parseSettings({ knownRoots: [Object.assign(() => 1, { sha256: fp, label: 'f' })] }).knownRoots).toEqual([]);
    // A string is not a list of hosts (its letters are each a valid single-label host).
    expect(parseSettings({ quietHosts: 'nas', knownRoots: fp }).quietHosts).toEqual([]);
    expect(parseSettings({ knownRoots: [{ sha256: fp, label: 42 }] }).knownRoots[0]!.label).toBe('');
  });

  it('turns each field on only by its exact value', () => {
    expect(parseSettings({ hostTls: 'true' }).hostTls).toBe(false);
    expect(parseSettings({ hostTls: 1 }).hostTls).toBe(false);
    expect(parseSettings({ hostTls: true }).hostTls).toBe(true);
    expect(parseSettings({ memory: false }).memory).toBe(false);
    expect(parseSettings({ badge: 'OFF' }).badge).toBe('all');
  });
});
