import { verdictKey, type Verdict } from './assess/posture';
import type { HostFacts } from './hosts';
import type { MainDocument } from './page-view';
import { isQuietHost } from './settings-hosts';
import { defaultSettings, isKnownRoot, rootFingerprint, type Settings } from './storage/settings';

// The toolbar badge: calm, few states, text as well as colour, and a title that says why in words.
// Only pages that are not safely encrypted get text; everything else shows a clean icon. The user's
// settings can take text away (a calmer mode, a root or a host they expect), never add any, and never
// change what the title says the page is.

export interface Badge {
  /** _locales key of the badge text, or null for no text. */
  textKey: string | null;
  /** Background colour; white text on each passes WCAG AA (4.5:1). */
  color: string;
  /** _locales key of the toolbar title (tooltip), which names the verdict in words. */
  titleKey: string;
  /** _locales key of a sentence that follows the title: why a badge the verdict has is not shown. */
  noteKey: string | null;
}

/** What the badge needs to know about the page beyond its verdict. */
export interface BadgeContext {
  /** The page's host, as in its URL. */
  host?: string;
  /** An RFC 1918 / link-local / ULA address or a LAN name (utils/hosts.ts). */
  privateNetwork?: boolean;
  /** SHA-256 of the root certificate the chain ends in (Firefox), in any hex form. */
  rootSha256?: string;
  /** The headline's explanation of the verdict for this page (utils/report/headline.ts): the title says the same. */
  explanation?: string;
}

const RED = '#B3261E';
const AMBER = '#8A4B00';
const VIOLET = '#5B3CC4';
const NEUTRAL = '#4A4A4A';

export { verdictKey };

const WITH_TEXT: Partial<Record<Verdict, string>> = {
  'not-encrypted': RED,
  'cert-error': RED,
  mixed: AMBER,
  'custom-root': VIOLET,
};

/** What `serious` keeps: the page is readable or changeable by someone it should not be. */
const SERIOUS: ReadonlySet<Verdict> = new Set(['not-encrypted', 'cert-error', 'custom-root']);

export function badgeFor(verdict: Verdict, ctx: BadgeContext = {}, settings: Settings = defaultSettings()): Badge {
  const key = verdictKey(verdict);
  const color = WITH_TEXT[verdict];
  const knownRoot = verdict === 'custom-root' && isKnownRoot(settings, ctx.rootSha256);
  const quietHost = !!color && isQuietHost(settings, ctx.host);
  const modeAllows = settings.badge === 'all' || (settings.badge === 'serious' && SERIOUS.has(verdict));
  const shown = !!color && modeAllows && !knownRoot && !quietHost;
  return {
    textKey: shown ? `badge_${key}` : null,
    color: color ?? NEUTRAL,
    titleKey: ctx.explanation ? `title_${ctx.explanation}` : verdict === 'not-encrypted' && ctx.privateNetwork ? 'title_notEncryptedLan' : `title_${key}`,
    noteKey: knownRoot ? 'titleNote_knownRoot' : quietHost ? 'titleNote_quietHost' : null,
  };
}

/** Whether the verdict has a badge at all, before settings (the e2e tests and the demo table read this back). */
export function badgeHasText(verdict: Verdict): boolean {
  return verdict in WITH_TEXT;
}

/** The root certificate a complete chain ends in (Firefox gives the chain; Chrome only the leaf). */
export function chainRoot(main: Pick<MainDocument, 'security'> | undefined): { sha256: string; name: string } | undefined {
  const sec = main?.security;
  const root = sec?.chainComplete && Array.isArray(sec.certificates) ? sec.certificates[sec.certificates.length - 1] : undefined;
  const sha256 = rootFingerprint(root?.sha256);
  return root && sha256 ? { sha256, name: root.subjectCommonName ?? root.subject ?? root.issuer ?? '' } : undefined;
}

/** The badge context of a page, from its host facts and, for the root, its main document. */
export function badgeContext(host: Pick<HostFacts, 'ascii' | 'privateNetwork'> | undefined, main?: Pick<MainDocument, 'security'>): BadgeContext {
  return { host: host?.ascii, privateNetwork: host?.privateNetwork, rootSha256: chainRoot(main)?.sha256 };
}
