import { describe, expect, it } from 'vitest';
import type { MemoryFinding } from '@/utils/memory/classify';
import type { MemoryNote } from '@/utils/memory/store';
import { memoryReport } from '@/utils/report/memory';

// memoryReport one finding at a time: its sentence, tone and parts, the order, the scheme each belongs
// to, and the line on what is remembered.

const DAY = 86_400_000;
const note = (findings: MemoryFinding[], patch: Partial<MemoryNote> = {}): MemoryNote => ({ viewId: 'v', findings, ...patch });
const ALL: MemoryFinding[] = [
  { id: 'cert-renewed', since: 1 },
  { id: 'cert-new-key', since: 2 },
  { id: 'hsts-dropped', since: 3 },
  { id: 'cert-new-authority', since: 4, before: 'Old CA', now: 'New CA' },
  { id: 'looks-like-visited', since: 5 } as MemoryFinding,
  { id: 'was-encrypted', since: 6 },
  { id: 'cert-added-root', since: 7 },
];

describe('memoryReport', () => {
  it('says each certificate finding on https, most important first, with its day', () => {
    const r = memoryReport(note(ALL), 'https');
    expect(r.findings).toEqual([
      { id: 'memory-cert-added-root', key: 'memory_certAddedRoot', parts: [{ date: 7 * DAY }], tone: 'warning', about: 'memory', rests: ['certificate'] },
      { id: 'memory-looks-like-visited', key: 'memory_looksLikeVisited', parts: [{ date: 5 * DAY }], tone: 'warning', about: 'memory', rests: ['host'] },
      { id: 'memory-cert-new-authority', key: 'memory_certNewAuthority', parts: [{ date: 4 * DAY }, { text: 'Old CA', max: 60 }, { text: 'New CA', max: 60 }], tone: 'warning', about: 'memory', rests: ['certificate'] },
      { id: 'memory-hsts-dropped', key: 'memory_hstsDropped', parts: [{ date: 3 * DAY }], tone: 'info', about: 'memory', rests: ['certificate'] },
      { id: 'memory-cert-new-key', key: 'memory_certNewKey', parts: [{ date: 2 * DAY }], tone: 'info', about: 'memory', rests: ['certificate'] },
      { id: 'memory-cert-renewed', key: 'memory_certRenewed', parts: [{ date: 1 * DAY }], tone: 'info', about: 'memory', rests: ['certificate'] },
    ]);
    expect(r.wasEncrypted).toBe(false);
  });

  it('on http says only that the site was https before, and the look-alike', () => {
    const r = memoryReport(note(ALL), 'http');
    expect(r.findings).toEqual([
      { id: 'memory-was-encrypted', key: 'memory_wasEncrypted', parts: [{ date: 6 * DAY }], tone: 'warning', about: 'memory', rests: ['scheme'] },
      { id: 'memory-looks-like-visited', key: 'memory_looksLikeVisited', parts: [{ date: 5 * DAY }], tone: 'warning', about: 'memory', rests: ['host'] },
    ]);
    expect(r.wasEncrypted).toBe(true);
    expect(memoryReport(note([{ id: 'was-encrypted', since: 1 }]), 'ftp').findings).toEqual([]);
  });

  it('says since when the site is remembered, or that it is from now on', () => {
    expect(memoryReport(note([], { since: 10 }), 'https').remembered).toEqual({ id: 'memory-since', key: 'memory_rememberedSince', short: 'short_memory_rememberedSince', parts: [{ date: 10 * DAY }], tone: 'info', about: 'memory', rests: [] });
    expect(memoryReport(note([], { since: 0 }), 'https').remembered.id).toBe('memory-since');
    expect(memoryReport(note([]), 'https').remembered).toEqual({ id: 'memory-new', key: 'memory_rememberedNew', short: 'short_memory_rememberedNew', tone: 'info', about: 'memory', rests: [] });
  });

  it('says nothing is remembered when memory is off or keeps nothing of this page', () => {
    const nothing = { findings: [], remembered: { id: 'memory-none', key: 'memory_nothing', tone: 'info', about: 'memory', rests: [] }, wasEncrypted: false };
    expect(memoryReport('none', 'https')).toEqual(nothing);
    expect(memoryReport(note([{ id: 'was-encrypted', since: 1 }], { kept: false, since: 3 }), 'http')).toEqual(nothing);
  });
});
