import { commaList, joinedValues } from './tokens';

// X-Frame-Options (HTML §"check a navigation response's adherence to X-Frame-Options"): the values are
// lower-cased into a set; several different values block all framing if one of them is deny,
// sameorigin or allowall, and allow it otherwise. ALLOW-FROM is supported by no current browser: with
// it, any site can frame the page.

export type FrameOptions = 'deny' | 'sameorigin' | 'allow-from' | 'allowall' | 'invalid';

export function parseFrameOptions(values: readonly string[] | string | undefined): FrameOptions | undefined {
  const joined = joinedValues(values);
  if (joined === undefined) return undefined;
  const set = new Set(commaList(joined).map((v) => v.toLowerCase()));
  if (set.size === 0) return 'invalid';
  if (set.size > 1) return set.has('deny') || set.has('sameorigin') || set.has('allowall') ? 'deny' : 'invalid';
  const only = [...set][0]!;
  if (only === 'deny' || only === 'sameorigin' || only === 'allowall') return only;
  if (only.startsWith('allow-from')) return 'allow-from';
  return 'invalid';
}
