/**
 * A count read from a stored record, as a number the report can add and compare: anything that is
 * not a finite positive number (a hostile record's `NaN`, `Infinity`, a string, an object whose
 * `toString` throws) is 0, and is never converted.
 */
export const count = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0);
