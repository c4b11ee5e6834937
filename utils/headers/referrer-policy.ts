import { commaList, joinedValues } from './tokens';

// Referrer-Policy (W3C Referrer Policy §8.1): a comma list in which the last token the browser
// recognises wins, so that sites can list a new policy after an older fallback.

export const REFERRER_POLICIES = [
  'no-referrer',
  'no-referrer-when-downgrade',
  'same-origin',
  'origin',
  'strict-origin',
  'origin-when-cross-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
] as const;
export type ReferrerPolicy = (typeof REFERRER_POLICIES)[number];

const KNOWN = new Set<string>(REFERRER_POLICIES);

/** The policy in force, or undefined when no token is a known policy (the browser then keeps its default). */
export function parseReferrerPolicy(values: readonly string[] | string | undefined): ReferrerPolicy | undefined {
  const joined = joinedValues(values);
  if (joined === undefined) return undefined;
  let policy: ReferrerPolicy | undefined;
  for (const token of commaList(joined)) {
    const t = token.toLowerCase();
    if (KNOWN.has(t)) policy = t as ReferrerPolicy;
  }
  return policy;
}
