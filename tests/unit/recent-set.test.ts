import { describe, expect, it } from 'vitest';
import { RecentSet } from '@/utils/recent-set';

describe('RecentSet', () => {
  it('keeps exactly its capacity, forgetting the oldest first; adding again makes a member recent', () => {
    const s = new RecentSet<number>(3);
    for (const n of [1, 2, 3]) s.add(n);
    expect([1, 2, 3].map((n) => s.has(n))).toEqual([true, true, true]);
    s.add(1); // 1 is now the most recent
    s.add(4); // 2 goes
    expect([1, 2, 3, 4].map((n) => s.has(n))).toEqual([true, false, true, true]);
    s.add(5);
    expect([1, 3, 4, 5].map((n) => s.has(n))).toEqual([true, false, true, true]);
  });
});
