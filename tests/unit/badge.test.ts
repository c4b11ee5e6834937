import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { VERDICTS } from '@/utils/assess/posture';
import { badgeFor, badgeHasText } from '@/utils/badge';
import { BadgePainter, type ActionApi } from '@/utils/badge-paint';
import { t } from '@/utils/i18n';

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
