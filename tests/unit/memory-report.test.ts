import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess } from '@/utils/assess';
import type { MemoryFinding } from '@/utils/memory/classify';
import { report } from '@/utils/report';
import { memoryReport } from '@/utils/report/memory';
import { factCase } from '../support/fact-space';
import { runs } from '../support/mutation';
import { check } from './report-invariants';
import { readCatalogue } from '../support/setup';

// Per-site memory over the whole fact space: any note, on any page, leaves the verdict, the badge's
// title and every other statement as they were; its statements are never "protected"; "was encrypted"
// is said only on plain http, certificate changes only on https; every key exists in every language.

const day = fc.integer({ min: 19_000, max: 21_000 });
const finding: fc.Arbitrary<MemoryFinding> = fc.oneof(
  fc.constantFrom('was-encrypted', 'hsts-dropped', 'cert-renewed', 'cert-new-key', 'cert-added-root', 'looks-like-visited').chain((id) => day.map((since) => ({ id, since }) as MemoryFinding)),
  fc.record({ id: fc.constant('cert-new-authority' as const), since: day, before: fc.string(), now: fc.string() }),
);
const note = fc.oneof(
  fc.constant('none' as const),
  fc.record({ viewId: fc.constant('v'), findings: fc.array(finding, { maxLength: 4 }), since: fc.option(day, { nil: undefined }), kept: fc.option(fc.constant(false as const), { nil: undefined }) }),
);

describe('per-site memory in the report', () => {
  it('changes nothing but its own section and, on a plain-http page, the explanation and the action', () => {
    const langs = ['en', 'de', 'fr', 'es'].map((l) => readCatalogue(l));
    fc.assert(
      fc.property(factCase, note, (c, n) => {
        const posture = assess(c.view);
        const plain = report(c.view, posture, c.caps);
        const m = memoryReport(n, posture.scheme);
        const r = report(c.view, posture, c.caps, { memory: m });
        expect(check(c, r)).toEqual([]);
        expect({ ...r, headline: { ...r.headline, whyKey: '', actionKey: '' }, memory: undefined }).toEqual({ ...plain, headline: { ...plain.headline, whyKey: '', actionKey: '' }, memory: undefined });
        expect(r.headline.titleKey).toBe(plain.headline.titleKey);
        if (r.headline.whyKey !== plain.headline.whyKey) expect([posture.scheme, r.headline.whyKey]).toEqual(['http', 'notEncryptedWasEncrypted']);
        if (!r.memory) return;
        for (const s of [...r.memory.findings, r.memory.remembered]) {
          expect(s.tone).not.toBe('protected');
          for (const cat of langs) expect(cat).toHaveProperty(s.key);
          if (s.id === 'memory-was-encrypted') expect(posture.scheme).toBe('http');
          if (s.id.startsWith('memory-cert-') || s.id === 'memory-hsts-dropped') expect(posture.scheme).toBe('https');
        }
      }),
      { numRuns: runs(500) },
    );
  });
});
