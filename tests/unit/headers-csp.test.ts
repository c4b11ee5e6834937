import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeCsp, effectiveSources, formatPolicy, parseCsp, parsePolicy, type CspPolicy } from '@/utils/headers/csp';

const analyze = (header: string | string[], https = true) => analyzeCsp(parseCsp(header), https);

describe('parseCsp', () => {
  it('splits policies on commas and directives on semicolons, lower-casing names', () => {
    const [a, b] = parseCsp(["Default-Src 'self'; IMG-SRC https: data:", "script-src 'none'"]);
    expect([...a!.directives]).toEqual([
      ['default-src', ["'self'"]],
      ['img-src', ['https:', 'data:']],
    ]);
    expect([...b!.directives]).toEqual([['script-src', ["'none'"]]]);
    expect(parseCsp("default-src 'self', script-src 'none'")).toHaveLength(2);
  });

  it('keeps the first of a repeated directive and remembers the repeat (CSP3 §2.2.1)', () => {
    const p = parsePolicy("script-src 'self'; script-src *");
    expect(p.directives.get('script-src')).toEqual(["'self'"]);
    expect(p.duplicates).toEqual(['script-src']);
  });

  it('skips directives whose name or value breaks the grammar', () => {
    const p = parsePolicy('scr!pt-src a; img-src \u00e9; upgrade-insecure-requests');
    expect([...p.directives.keys()]).toEqual(['upgrade-insecure-requests']);
  });

  it('never throws and stays bounded, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.array(fc.string(), { maxLength: 5 })), (v) => {
        const policies = parseCsp(v);
        expect(policies.length).toBeLessThanOrEqual(16);
        analyzeCsp(policies, true);
      }),
      { numRuns: 2000 },
    );
    const huge = parseCsp(Array.from({ length: 5000 }, (_, i) => `d${i}-src a`).join(';'));
    expect(huge[0]!.directives.size).toBeLessThanOrEqual(64);
  });

  it('round-trips any well-formed policy', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);
    const source = fc.stringMatching(/^[!-+\--:<-~]{1,20}$/);
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(name, fc.array(source, { maxLength: 5 })), { selector: ([n]) => n, maxLength: 8 }), (entries) => {
        const policy: CspPolicy = { directives: new Map(entries), duplicates: [] };
        const again = parsePolicy(formatPolicy(policy));
        expect([...again.directives]).toEqual(entries);
      }),
    );
  });
});

describe('analyzeCsp', () => {
  it("reports upgrade-insecure-requests, block-all-mixed-content and frame-ancestors", () => {
    const a = analyze("default-src 'self'; upgrade-insecure-requests; block-all-mixed-content; frame-ancestors 'self' https://a.example");
    expect(a.upgradeInsecureRequests).toBe(true);
    expect(a.blockAllMixedContent).toBe(true);
    expect(a.frameAncestors).toEqual(["'self'", 'https://a.example']);
    expect(a.frameAncestorsAllowAny).toBe(false);
    expect(analyze('frame-ancestors *').frameAncestorsAllowAny).toBe(true);
    expect(analyze("default-src 'self'").frameAncestorsAllowAny).toBeUndefined();
  });

  it('finds unsafe inline scripts, unless a nonce or hash disables unsafe-inline', () => {
    expect(analyze("script-src 'self' 'unsafe-inline'").unsafeScripts).toBe(true);
    expect(analyze("script-src 'self' 'unsafe-inline' 'nonce-abc'; object-src 'none'").unsafeScripts).toBe(false);
    // Plugins from anywhere count too, as in the Observatory.
    expect(analyze("script-src 'self' 'nonce-abc'").unsafeScripts).toBe(true);
    expect(analyze("script-src 'self' data:").unsafeScripts).toBe(true);
    expect(analyze("script-src https:; object-src 'none'").unsafeScripts).toBe(true);
    expect(analyze("script-src 'nonce-a' 'strict-dynamic' https:; object-src 'none'").unsafeScripts).toBe(false);
    // Without script-src or default-src nothing restricts scripts.
    expect(analyze("img-src 'self'").unsafeScripts).toBe(true);
  });

  it('needs every policy to allow something before calling it allowed', () => {
    expect(analyze(["script-src 'unsafe-inline'", "default-src 'self'"]).unsafeScripts).toBe(false);
    expect(analyze(["script-src 'unsafe-inline'", "img-src 'self'"]).unsafeScripts).toBe(true);
  });

  it('follows the CSP3 fallbacks', () => {
    const p = parsePolicy("default-src 'self'; child-src 'none'");
    expect(effectiveSources(p, 'frame-src')).toEqual(["'none'"]);
    expect(effectiveSources(p, 'img-src')).toEqual(["'self'"]);
    expect(effectiveSources(parsePolicy('img-src a'), 'script-src')).toBeUndefined();
  });

  it('flags http: sources on https pages only', () => {
    expect(analyze("default-src 'self'; script-src 'self' http://cdn.example").insecureActive).toBe(true);
    expect(analyze("default-src 'self'; img-src http:").insecurePassive).toBe(true);
    expect(analyze("default-src 'self'; img-src http:").insecureActive).toBe(false);
    expect(analyze("default-src 'self'; script-src http://cdn.example", false).insecureActive).toBe(false);
  });

  it("knows default-src 'none' and unsafe-eval", () => {
    expect(analyze("default-src 'none'").defaultNone).toBe(true);
    expect(analyze("default-src 'none' 'self'").defaultNone).toBe(false);
    expect(analyze("default-src 'self'; script-src 'self' 'unsafe-eval'").unsafeEval).toBe(true);
    expect(analyze("default-src 'self'").unsafeEval).toBe(false);
  });
});
