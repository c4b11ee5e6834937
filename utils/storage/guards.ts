// Checks for values read back from storage. Storage is written only by this extension, but a record
// can be from an older version, cut short by a failed write, or (storage.session is shared by every
// extension page) written by a bug elsewhere: every member is checked, and one bad member rejects the
// whole value, so nothing is half-trusted.

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const isStr = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
export const isBool = (v: unknown): v is boolean => typeof v === 'boolean';

/** Absent, or passes `check`. */
export const opt = <T>(v: unknown, check: (v: unknown) => v is T): v is T | undefined => v === undefined || check(v);
export const optStr = (v: unknown, max: number): v is string | undefined => v === undefined || isStr(v, max);

/** An array of at most `max` items, each passing `each`. */
export function isList<T>(v: unknown, max: number, each: (item: unknown) => boolean): v is T[] {
  if (!Array.isArray(v) || v.length > max) return false;
  for (const item of v) if (!each(item)) return false;
  return true;
}

export const oneOf =
  <T extends string>(values: readonly T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (values as readonly string[]).includes(v);
