import { commaList, joinedValues } from './tokens';

// X-Content-Type-Options (Fetch §"determine nosniff"): only the first value counts, and only
// "nosniff" (any case) means anything.

export function parseNosniff(values: readonly string[] | string | undefined): boolean {
  const joined = joinedValues(values);
  if (joined === undefined) return false;
  const first = commaList(joined)[0];
  return first !== undefined && first.toLowerCase() === 'nosniff';
}
