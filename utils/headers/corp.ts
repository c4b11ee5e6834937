import { firstValue } from './tokens';

// Cross-Origin-Resource-Policy (Fetch §"cross-origin resource policy check"): exactly one of three
// tokens; anything else is ignored by the browser, as if the header were absent.

export type ResourcePolicy = 'same-origin' | 'same-site' | 'cross-origin' | 'invalid';

export function parseResourcePolicy(values: readonly string[] | string | undefined): ResourcePolicy | undefined {
  const value = firstValue(values);
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  return v === 'same-origin' || v === 'same-site' || v === 'cross-origin' ? v : 'invalid';
}
