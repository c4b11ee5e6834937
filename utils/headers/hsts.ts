import { directives, firstValue } from './tokens';

// Strict-Transport-Security (RFC 6797 §6.1). The browser takes the first header and ignores one that
// breaks the grammar, so this parser is as strict as the RFC: a duplicate directive or a missing
// max-age makes the header invalid, and unknown directives are ignored (§6.1 rule 2).

export interface HstsPolicy {
  maxAge: number;
  includeSubDomains: boolean;
  /** Consent to the preload list (hstspreload.org); not proof that the site is on it. */
  preload: boolean;
}

export type HstsProblem = 'missing-max-age' | 'bad-max-age' | 'duplicate-directive' | 'syntax';

export type HstsResult = { ok: true; policy: HstsPolicy } | { ok: false; problem: HstsProblem };

/** RFC 6797 §11.2 suggests about 18 weeks or more; browsers cap what they store, we only keep it finite. */
const MAX_AGE_LIMIT = Number.MAX_SAFE_INTEGER;

export function parseHsts(values: readonly string[] | string | undefined): HstsResult {
  const value = firstValue(values);
  if (value === undefined) return { ok: false, problem: 'syntax' };
  const parsed = directives(value);
  if (!parsed) return { ok: false, problem: 'syntax' };
  let maxAge: number | undefined;
  let includeSubDomains = false;
  let preload = false;
  const seen = new Set<string>();
  for (const d of parsed) {
    if (seen.has(d.name)) return { ok: false, problem: 'duplicate-directive' };
    seen.add(d.name);
    if (d.name === 'max-age') {
      if (d.value === undefined || !/^\d+$/.test(d.value)) return { ok: false, problem: 'bad-max-age' };
      maxAge = Math.min(Number(d.value), MAX_AGE_LIMIT);
    } else if (d.name === 'includesubdomains') {
      if (d.value !== undefined) return { ok: false, problem: 'syntax' };
      includeSubDomains = true;
    } else if (d.name === 'preload') {
      preload = true;
    }
  }
  if (maxAge === undefined) return { ok: false, problem: 'missing-max-age' };
  return { ok: true, policy: { maxAge, includeSubDomains, preload } };
}

export function formatHsts(p: HstsPolicy): string {
  return [`max-age=${p.maxAge}`, p.includeSubDomains ? 'includeSubDomains' : '', p.preload ? 'preload' : ''].filter(Boolean).join('; ');
}
