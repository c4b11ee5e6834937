import { describe, expect, it } from 'vitest';
import { count } from '@/utils/report/count';

describe('count', () => {
  it('keeps finite positive numbers', () => {
    expect(count(3)).toBe(3);
    expect(count(0.5)).toBe(0.5);
    expect(count(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
  });
  it('reads anything else as 0, without converting it', () => {
    let converted = false;
    const hostile = { valueOf: () => ((converted = true), 5), toString: () => ((converted = true), '5') };
    for (const bad of [0, -1, -Infinity, Infinity, NaN, '3', '', null, undefined, true, [4], hostile, { toString: false }]) expect(count(bad)).toBe(0);
    expect(converted).toBe(false);
  });
});
