import { parseHostPattern, type PatternProblem } from './settings-hosts';
import { rootFingerprint, SETTINGS_LIMITS, type BadgeMode, type Settings } from './storage/settings';

// The edits the options page and the popup make, as pure functions from settings to settings. Each
// refusal has a reason the page can put in words.

export type EditProblem = PatternProblem | 'duplicate' | 'full';
export type EditResult = { ok: true; settings: Settings } | { ok: false; problem: EditProblem };

export function withBadgeMode(s: Settings, badge: BadgeMode): Settings {
  return { ...s, badge };
}

export function withQuietHost(s: Settings, input: string): EditResult {
  const r = parseHostPattern(input);
  if (!r.ok) return r;
  if (s.quietHosts.includes(r.text)) return { ok: false, problem: 'duplicate' };
  if (s.quietHosts.length >= SETTINGS_LIMITS.quietHosts) return { ok: false, problem: 'full' };
  return { ok: true, settings: { ...s, quietHosts: [...s.quietHosts, r.text] } };
}

export function withoutQuietHost(s: Settings, text: string): Settings {
  return { ...s, quietHosts: s.quietHosts.filter((h) => h !== text) };
}

/** Marks a root as expected; marking it again keeps the first mark. */
export function withKnownRoot(s: Settings, root: { sha256: string; label: string }, now: number): EditResult {
  const sha256 = rootFingerprint(root.sha256);
  if (!sha256) return { ok: false, problem: 'invalid' };
  if (s.knownRoots.some((r) => r.sha256 === sha256)) return { ok: true, settings: s };
  if (s.knownRoots.length >= SETTINGS_LIMITS.knownRoots) return { ok: false, problem: 'full' };
  const label = root.label.slice(0, SETTINGS_LIMITS.labelChars);
  return { ok: true, settings: { ...s, knownRoots: [...s.knownRoots, { sha256, label, added: now }] } };
}

export function withoutKnownRoot(s: Settings, sha256: string): Settings {
  const fp = rootFingerprint(sha256);
  return { ...s, knownRoots: s.knownRoots.filter((r) => r.sha256 !== fp) };
}
