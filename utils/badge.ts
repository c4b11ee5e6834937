import type { Verdict } from './assess/posture';

// The toolbar badge: calm, few states, text as well as colour, and a title that says why in words.
// Only pages that are not safely encrypted get text; everything else shows a clean icon.

export interface Badge {
  /** _locales key of the badge text, or null for no text. */
  textKey: string | null;
  /** Background colour; white text on each passes WCAG AA (4.5:1). */
  color: string;
  /** _locales key of the toolbar title (tooltip), which names the verdict in words. */
  titleKey: string;
}

const RED = '#B3261E';
const AMBER = '#8A4B00';
const VIOLET = '#5B3CC4';
const NEUTRAL = '#4A4A4A';

/** Message keys cannot contain '-': not-encrypted -> notEncrypted. */
export function verdictKey(v: Verdict): string {
  return v.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

const WITH_TEXT: Partial<Record<Verdict, string>> = {
  'not-encrypted': RED,
  'cert-error': RED,
  mixed: AMBER,
  'custom-root': VIOLET,
};

export function badgeFor(verdict: Verdict): Badge {
  const key = verdictKey(verdict);
  const color = WITH_TEXT[verdict];
  return {
    textKey: color ? `badge_${key}` : null,
    color: color ?? NEUTRAL,
    titleKey: `title_${key}`,
  };
}

/** Whether the badge marks the page (the e2e tests and the demo table read this back). */
export function badgeHasText(verdict: Verdict): boolean {
  return verdict in WITH_TEXT;
}
