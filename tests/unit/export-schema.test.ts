import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEVERITY, VERDICTS } from '@/utils/assess/posture';
import { EXPORT_SCHEMA } from '@/utils/export';
import { OBSERVERS } from '@/utils/report';
import { SCENARIOS } from '../fixtures/popup-scenarios';
import { exportOf, LEAKY_CAPS, leakyView } from '../support/export';
import { factCase } from '../support/fact-space';

// Every JSON export validates against docs/export.schema.json: every fixture, the fact space, each
// redaction choice. The schema's vocabularies are the code's, so a new verdict or finding id must be
// documented before an export can carry it.

const schema = JSON.parse(readFileSync('docs/export.schema.json', 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

function expectValid(json: string) {
  const ok = validate(JSON.parse(json));
  expect(ok, JSON.stringify(validate.errors, null, 2)).toBe(true);
}

const CHOICES = [
  { cookieNames: false, addresses: true },
  { cookieNames: true, addresses: true },
  { cookieNames: false, addresses: false },
];

describe('the JSON export against its schema', () => {
  it.each(Object.values(SCENARIOS))('$name', ({ view, caps }) => {
    for (const r of CHOICES) expectValid(exportOf('json', view, caps, r));
  });

  it('the page with everything to redact', () => {
    for (const r of CHOICES) expectValid(exportOf('json', leakyView(), LEAKY_CAPS, r));
  });

  it('the whole fact space', () => {
    fc.assert(fc.property(factCase, fc.constantFrom(...CHOICES), (c, r) => expectValid(exportOf('json', c.view, c.caps, r))), { numRuns: 500 });
  });

  it('rejects what it must (so that validation can fail)', () => {
    const good = JSON.parse(exportOf('json', SCENARIOS.mixed.view, SCENARIOS.mixed.caps));
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, schema: 2 })).toBe(false);
    expect(validate({ ...good, page: { ...good.page, url: 'https://example.com/?token=1' } })).toBe(false);
    expect(validate({ ...good, verdict: { ...good.verdict, id: 'fine' } })).toBe(false);
    expect(validate({ ...good, extra: true })).toBe(false);
  });

  it('names the code\'s version, verdicts, finding ids and observers', () => {
    expect(schema.properties.schema.const).toBe(EXPORT_SCHEMA);
    expect([...schema.properties.verdict.properties.id.enum].sort()).toEqual([...VERDICTS].sort());
    expect([...schema.properties.findings.items.properties.id.enum].sort()).toEqual(Object.keys(SEVERITY).filter((id) => id !== 'header').sort());
    expect([...schema.properties.who.items.properties.observer.enum].sort()).toEqual([...OBSERVERS].sort());
  });
});
