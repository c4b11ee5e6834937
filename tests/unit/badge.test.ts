import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { VERDICTS, type Verdict } from '@/utils/assess/posture';
import { badgeContext, badgeFor, badgeHasText, chainRoot, verdictKey, type BadgeContext } from '@/utils/badge';
import { BadgePainter, type ActionApi } from '@/utils/badge-paint';
import { t } from '@/utils/i18n';
import { followSettings, repaintFromStorage } from '@/utils/settings-repaint';
import type { StorageListener } from '@/utils/settings-store';
import { BADGE_MODES, parseSettings, type BadgeMode, type Settings } from '@/utils/storage/settings';

const en = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Record<string, { message: string }>;

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe('badge rules', () => {
  it('marks exactly the pages that are not safely encrypted', () => {
    const marked = VERDICTS.filter(badgeHasText);
    expect(marked.sort()).toEqual(['cert-error', 'custom-root', 'mixed', 'not-encrypted']);
    for (const v of VERDICTS) expect(badgeFor(v).textKey === null).toBe(!marked.includes(v));
  });

  it('has words for every badge text and title, short enough for the badge', () => {
    for (const v of VERDICTS) {
      const b = badgeFor(v);
      expect(en[b.titleKey]?.message, b.titleKey).toBeTruthy();
      if (b.textKey) {
        expect(en[b.textKey]?.message.length, b.textKey).toBeGreaterThan(0);
        expect(en[b.textKey]!.message.length, b.textKey).toBeLessThanOrEqual(4);
      }
    }
  });

  it('uses colours with AA contrast for white text', () => {
    for (const v of VERDICTS.filter(badgeHasText)) {
      const ratio = 1.05 / (luminance(badgeFor(v).color) + 0.05);
      expect(ratio, v).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('BadgePainter', () => {
  function recording(): { api: ActionApi; calls: string[] } {
    const calls: string[] = [];
    const api: ActionApi = {
      setBadgeText: (d) => void calls.push(`text ${d.tabId} ${d.text}`),
      setBadgeBackgroundColor: (d) => void calls.push(`color ${d.tabId} ${d.color}`),
      setBadgeTextColor: (d) => void calls.push(`textColor ${d.tabId} ${d.color}`),
      setTitle: (d) => void calls.push(`title ${d.tabId} ${d.title}`),
    };
    return { api, calls };
  }

  it('sets text, colour and a title in words, and skips repeats unless forced', () => {
    const { api, calls } = recording();
    const p = new BadgePainter(api, (k) => t(k));
    p.paint(7, 'not-encrypted');
    expect(calls).toEqual([`text 7 HTTP`, 'color 7 #B3261E', 'textColor 7 #FFFFFF', `title 7 ${en.title_notEncrypted!.message}`]);
    calls.length = 0;
    p.paint(7, 'not-encrypted');
    expect(calls).toEqual([]);
    p.paint(7, 'not-encrypted', true);
    expect(calls.length).toBe(4);
    calls.length = 0;
    p.paint(7, 'encrypted');
    expect(calls).toEqual(['text 7 ', `title 7 ${en.title_encrypted!.message}`]);
  });

  it('shrugs off a tab that closed before the call landed', async () => {
    const api: ActionApi = {
      setBadgeText: () => Promise.reject(new Error('No tab with id: 3')),
      setBadgeBackgroundColor: () => Promise.reject(new Error('No tab')),
      setTitle: () => Promise.reject(new Error('No tab')),
    };
    const p = new BadgePainter(api, (k) => k);
    expect(() => p.paint(3, 'mixed')).not.toThrow();
    await new Promise((r) => setTimeout(r, 0));
  });

  it('works against the fake browser action API', async () => {
    const p = new BadgePainter(fakeBrowser.action as unknown as ActionApi, (k) => t(k));
    p.paint(4, 'cert-error');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 4 })).toBe('CERT');
    expect(await fakeBrowser.action.getTitle({ tabId: 4 })).toBe(en.title_certError!.message);
  });
});

const ROOT = 'c0'.repeat(32);
const ROOT_FIREFOX = ROOT.toUpperCase().match(/../g)!.join(':');
const settingsWith = (badge: BadgeMode, knownRoot: boolean, quietHost: boolean): Settings =>
  parseSettings({ badge, knownRoots: knownRoot ? [{ sha256: ROOT, label: 'Corp Root', added: 1 }] : [], quietHosts: quietHost ? ['*.example.lan'] : [] });

describe('badge rule with settings', () => {
  // Every verdict x mode x known root x quiet host x private network, each row checked against the rules
  // as the settings describe them (not against the implementation's tables).
  const SHOWN_BY_MODE: Record<BadgeMode, Verdict[]> = {
    all: ['not-encrypted', 'cert-error', 'mixed', 'custom-root'],
    serious: ['not-encrypted', 'cert-error', 'custom-root'],
    off: [],
  };
  const rows = VERDICTS.flatMap((verdict) =>
    BADGE_MODES.flatMap((mode) =>
      [false, true].flatMap((knownRoot) =>
        [false, true].flatMap((quietHost) =>
          [false, true].map((privateNetwork) => {
            const ctx: BadgeContext = { host: 'nas.example.lan', privateNetwork, rootSha256: ROOT_FIREFOX };
            return { verdict, mode, knownRoot, quietHost, privateNetwork, badge: badgeFor(verdict, ctx, settingsWith(mode, knownRoot, quietHost)) };
          }),
        ),
      ),
    ),
  );

  it('covers every combination', () => expect(rows.length).toBe(VERDICTS.length * 3 * 2 * 2 * 2));

  it('shows text only where the mode allows it, never for a known root or a quiet host', () => {
    for (const r of rows) {
      const expected = SHOWN_BY_MODE[r.mode].includes(r.verdict) && !(r.knownRoot && r.verdict === 'custom-root') && !r.quietHost;
      expect(r.badge.textKey === null, JSON.stringify({ ...r, badge: undefined })).toBe(!expected);
      if (expected) expect(r.badge.textKey).toBe(`badge_${verdictKey(r.verdict)}`);
    }
    // Counted by hand: all 4+3 and serious 3+2 per network kind, without a quiet host.
    expect(rows.filter((r) => r.badge.textKey).length).toBe(24);
  });

  it('keeps the title naming the verdict in every mode, and adds why a badge is missing', () => {
    for (const r of rows) {
      const title = r.verdict === 'not-encrypted' && r.privateNetwork ? 'title_notEncryptedLan' : `title_${verdictKey(r.verdict)}`;
      expect(r.badge.titleKey).toBe(title);
      const note = r.knownRoot && r.verdict === 'custom-root' ? 'titleNote_knownRoot' : r.quietHost && badgeHasText(r.verdict) ? 'titleNote_quietHost' : null;
      expect(r.badge.noteKey, JSON.stringify({ ...r, badge: undefined })).toBe(note);
      expect(r.badge.color).toBe(badgeFor(r.verdict).color);
      expect(en[r.badge.titleKey]?.message).toBeTruthy();
      if (r.badge.noteKey) expect(en[r.badge.noteKey]?.message).toBeTruthy();
    }
  });

  it('by default is what it was before settings existed', () => {
    for (const v of VERDICTS) expect(badgeFor(v, {}, parseSettings(undefined))).toEqual(badgeFor(v));
    expect(badgeFor('not-encrypted').textKey).toBe('badge_notEncrypted');
  });

  it('settings only ever take text away (property)', () => {
    const settings = fc.record({
      badge: fc.constantFrom(...BADGE_MODES),
      knownRoots: fc.array(fc.record({ sha256: fc.constantFrom(ROOT, 'd1'.repeat(32)), label: fc.string(), added: fc.nat() })),
      quietHosts: fc.array(fc.constantFrom('nas.example.lan', '*.example.lan', '192.168.1.0/24', 'fd00::/8', 'other.lan')),
    });
    const ctx = fc.record({ host: fc.option(fc.constantFrom('nas.example.lan', '192.168.1.9', 'fd00::5', 'bank.example', ''), { nil: undefined }), privateNetwork: fc.boolean(), rootSha256: fc.option(fc.constantFrom(ROOT, ROOT_FIREFOX, 'junk'), { nil: undefined }) }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.constantFrom(...VERDICTS), settings, ctx, (verdict, raw, c) => {
        const s = parseSettings(raw);
        const b = badgeFor(verdict, c, s);
        const plain = badgeFor(verdict, c);
        if (b.textKey) expect(b.textKey).toBe(plain.textKey);
        if (s.badge === 'serious' && b.textKey) expect(badgeFor(verdict, c, { ...s, badge: 'all' }).textKey).toBe(b.textKey);
        expect(badgeFor(verdict, c, { ...s, badge: 'off' }).textKey).toBeNull();
        expect(b.titleKey).toBe(plain.titleKey);
      }),
      { numRuns: 400 },
    );
  });

  it('finds the chain root of a complete chain only, as the settings store it', () => {
    const main = { security: { source: 'firefox' as const, state: 'secure' as const, chainComplete: true, certificates: [{ subject: 'CN=a' }, { subjectCommonName: 'Corp Root', sha256: ROOT_FIREFOX }] } };
    expect(chainRoot(main)).toEqual({ sha256: ROOT, name: 'Corp Root' });
    expect(chainRoot({ security: { ...main.security, chainComplete: false } })).toBeUndefined();
    expect(chainRoot({ security: { ...main.security, certificates: null as never } })).toBeUndefined();
    expect(badgeContext({ ascii: 'a.lan', privateNetwork: true }, main)).toEqual({ host: 'a.lan', privateNetwork: true, rootSha256: ROOT });
    // A root without a usable fingerprint is no root to match; one without a name is named by nothing.
    expect(chainRoot({ security: { ...main.security, certificates: [{ subject: 'CN=a' }, { subjectCommonName: 'Corp Root', sha256: 'not hex' }] } })).toBeUndefined();
    expect(chainRoot({ security: { ...main.security, certificates: [{ subject: 'CN=a' }, { sha256: ROOT_FIREFOX }] } })).toEqual({ sha256: ROOT, name: '' });
    expect(badgeContext(undefined)).toEqual({ host: undefined, privateNetwork: undefined, rootSha256: undefined });
  });

  it('is neutral grey without text, and takes the title from the headline when it has one', () => {
    expect(badgeFor('encrypted').color).toBe('#4A4A4A');
    expect(badgeFor('not-encrypted', { explanation: 'notEncryptedLan' }).titleKey).toBe('title_notEncryptedLan');
    expect(badgeFor('encrypted', { explanation: 'encryptedVpn' }).titleKey).toBe('title_encryptedVpn');
  });
});

describe('BadgePainter with settings', () => {
  const calls = () => {
    const log: string[] = [];
    const api: ActionApi = {
      setBadgeText: (d) => void log.push(`text ${d.tabId} ${d.text}`),
      setBadgeBackgroundColor: () => {},
      setTitle: (d) => void log.push(`title ${d.tabId} ${d.title}`),
    };
    return { api, log };
  };

  it('repaints every tab it painted when the settings change, and only where something changes', () => {
    const { api, log } = calls();
    const ctx: Record<number, BadgeContext> = { 1: { host: 'a.example' }, 2: { host: 'b.example' }, 3: { host: 'c.example', rootSha256: ROOT } };
    const p = new BadgePainter(api, (k) => t(k), (id) => ctx[id]);
    p.paint(1, 'not-encrypted');
    p.paint(2, 'mixed');
    p.paint(3, 'custom-root');
    log.length = 0;
    p.setSettings(settingsWith('serious', false, false));
    expect(log).toEqual(['text 2 ', `title 2 ${en.title_mixed!.message}`]);
    log.length = 0;
    p.setSettings(settingsWith('serious', true, false));
    expect(log).toEqual(['text 3 ', `title 3 ${en.title_customRoot!.message} ${en.titleNote_knownRoot!.message}`]);
    log.length = 0;
    p.setSettings(settingsWith('off', true, false));
    expect(log).toEqual(['text 1 ', `title 1 ${en.title_notEncrypted!.message}`]);
    log.length = 0;
    p.setSettings(settingsWith('all', false, false));
    expect(log.filter((l) => l.startsWith('text'))).toEqual(['text 1 HTTP', 'text 2 MIX', 'text 3 CA']);
  });

  it('waits for the stored settings before painting anything', () => {
    const { api, log } = calls();
    const p = new BadgePainter(api, (k) => t(k), () => ({ host: 'printer.example.lan', privateNetwork: true }), null);
    p.paint(5, 'not-encrypted', true);
    expect(log).toEqual([]);
    p.setSettings(settingsWith('all', false, true));
    expect(log).toEqual(['text 5 ', `title 5 ${en.title_notEncryptedLan!.message} ${en.titleNote_quietHost!.message}`]);
  });

  it('repaints tabs it never painted from the postures in storage.session, reading a view only for a custom root', async () => {
    const session = fakeBrowser.storage.session;
    const chain = { source: 'firefox', state: 'secure', chainComplete: true, certificates: [{ subject: 'CN=a' }, { subjectCommonName: 'Corp Root', sha256: ROOT_FIREFOX }] };
    await session.set({
      'posture:1': { verdict: 'not-encrypted', host: { ascii: 'a.example', privateNetwork: false } },
      'posture:2': { verdict: 'custom-root', host: { ascii: 'b.example', privateNetwork: false } },
      'tab:2': { main: { security: chain } },
      'posture:3': { verdict: 'nonsense' },
      'posture:4': 'junk',
    });
    const gets: unknown[] = [];
    const spy = { get: (k: string | string[] | null) => (gets.push(k), session.get(k)), set: session.set, remove: session.remove };
    const p = new BadgePainter(fakeBrowser.action as unknown as ActionApi, (k) => t(k));
    p.setSettings(settingsWith('all', true, false));
    await repaintFromStorage(p, [1, 2, 3, 4, 5], spy);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 1 })).toBe('HTTP');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 2 })).toBe('');
    expect(await fakeBrowser.action.getTitle({ tabId: 2 })).toContain(en.titleNote_knownRoot!.message);
    expect(gets).toEqual([['posture:1', 'posture:2', 'posture:3', 'posture:4', 'posture:5'], ['tab:2']]);
    expect(p.knows(3)).toBe(false);
  });
});

describe('followSettings', () => {
  it('a change that lands before the first read resolves wins over the older value read', async () => {
    let resolveRead: (v: Record<string, unknown>) => void = () => {};
    const local = { get: () => new Promise<Record<string, unknown>>((r) => (resolveRead = r)), set: async () => {} };
    const listeners: StorageListener[] = [];
    const onChanged = { addListener: (l: StorageListener) => void listeners.push(l), removeListener: () => {} };
    const log: string[] = [];
    const api: ActionApi = { setBadgeText: (d) => void log.push(d.text), setBadgeBackgroundColor: () => {}, setTitle: () => {} };
    const p = new BadgePainter(api, (k) => t(k), () => ({}), null);
    followSettings({ local, onChanged, openTabs: async () => [] }, p, undefined);
    expect(listeners).toHaveLength(1); // registered in the same turn
    p.paint(1, 'not-encrypted');
    listeners[0]!({ settings: { newValue: { badge: 'off' } } }, 'local');
    resolveRead({ settings: { badge: 'all' } });
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['']);
  });
});
