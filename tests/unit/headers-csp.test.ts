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

describe('parseCsp and analyzeCsp at their edges', () => {
  const a = (header: string | string[]) => analyzeCsp(parseCsp(header), true);

  it('keeps at most 16 policies, 256 sources per directive and 16 frame-ancestors', () => {
    expect(parseCsp(Array.from({ length: 20 }, (_, i) => `img-src s${i}`).join(','))).toHaveLength(16);
    const sources = Array.from({ length: 300 }, (_, i) => `s${i}.example`);
    expect(parsePolicy(`img-src ${sources.join(' ')}`).directives.get('img-src')).toEqual(sources.slice(0, 256));
    const ancestors = Array.from({ length: 20 }, (_, i) => `https://a${i}.example`);
    expect(a(`frame-ancestors ${ancestors.join(' ')}`).frameAncestors).toEqual(ancestors.slice(0, 16));
  });

  it('splits sources on runs of whitespace, and skips a directive with a character outside the grammar anywhere', () => {
    expect(parsePolicy("script-src  'self' \t https://a.example").directives.get('script-src')).toEqual(["'self'", 'https://a.example']);
    expect([...parsePolicy('img-src \u00e9a; font-src a\u00e9; media-src a').directives.keys()]).toEqual(['media-src']);
  });

  it('lists each repeated directive once, across policies too', () => {
    expect(parsePolicy('img-src a; img-src b; img-src c').duplicates).toEqual(['img-src']);
    expect(a(['img-src a; img-src b; font-src a; font-src b', 'img-src c; img-src d']).duplicates).toEqual(['img-src', 'font-src']);
    expect(a("default-src 'self'").duplicates).toEqual([]);
  });

  it('counts every broad source as any host, for scripts and plugins', () => {
    for (const s of ['*', 'http:', 'https:', 'ftp:', 'http://*', 'https://*', 'http://*.*', 'https://*.*']) {
      expect(a(`script-src 'self' ${s}; object-src 'none'`).unsafeScripts, s).toBe(true);
      expect(a(`script-src 'self'; object-src ${s}`).unsafeScripts, s).toBe(true);
    }
    expect(a("script-src 'self' https://cdn.example; object-src 'none'").unsafeScripts).toBe(false);
  });

  it("ignores host sources only for 'strict-dynamic' with a nonce or hash, and a nonce only as a whole source", () => {
    const cases: [string, 'unsafeScripts' | 'unsafeStyles', boolean][] = [
      // A nonce without 'strict-dynamic' leaves https: in force.
      ["script-src 'nonce-abc' https:; object-src 'none'", 'unsafeScripts', true],
      ["script-src 'sha256-abc' 'strict-dynamic' https:; object-src 'none'", 'unsafeScripts', false],
      // "x'nonce-abc'" is a host source, not a nonce: 'unsafe-inline' still counts.
      ["script-src 'self' 'unsafe-inline' x'nonce-abc'; object-src 'none'", 'unsafeScripts', true],
      // 'strict-dynamic' turns 'unsafe-inline' off for scripts (CSP3 §6.7.3.3)...
      ["script-src 'unsafe-inline' 'strict-dynamic'; object-src 'none'", 'unsafeScripts', false],
      // ...but not for styles, nor for plugins, which 'strict-dynamic' does not cover.
      ["default-src 'self'; style-src 'unsafe-inline' 'strict-dynamic'", 'unsafeStyles', true],
      ["default-src 'self'; style-src 'strict-dynamic' 'nonce-a' https:", 'unsafeStyles', true],
      ["default-src 'nonce-a' 'strict-dynamic' https:", 'unsafeScripts', true],
      // data: is inline code, for scripts and styles.
      ["script-src 'self' data:; object-src 'none'", 'unsafeScripts', true],
      ["default-src 'self'; style-src 'self' data:", 'unsafeStyles', true],
      ["default-src 'self'; style-src 'self'", 'unsafeStyles', false],
    ];
    for (const [policy, fact, expected] of cases) expect(a(policy)[fact], policy).toBe(expected);
  });

  it('follows every fetch directive to each member of its fallback chain (CSP3 §6.8.3)', () => {
    // Each chain, as CSP3 lists it: the directive, then what stands in for it, in order.
    const chains = [
      'script-src default-src', 'style-src default-src', 'object-src default-src', 'img-src default-src', 'media-src default-src',
      'font-src default-src', 'connect-src default-src', 'frame-src child-src default-src', 'worker-src child-src script-src default-src',
      'manifest-src default-src',
    ].map((line) => line.split(' '));
    for (const chain of chains) {
      const directive = chain[0]!;
      // Each member of the chain wins over those after it.
      for (let i = 0; i < chain.length; i++) {
        const p = parsePolicy(chain.slice(i).map((name) => `${name} ${name}.example`).join('; '));
        expect(effectiveSources(p, directive), `${directive} via ${chain[i]}`).toEqual([`${chain[i]}.example`]);
      }
      // A directive outside the chain does not stand in.
      expect(effectiveSources(parsePolicy('base-uri x.example'), directive), directive).toBeUndefined();
    }
    // Directives without fallbacks govern only themselves.
    expect(effectiveSources(parsePolicy("default-src 'self'; form-action X.example"), 'form-action')).toEqual(['x.example']);
    expect(effectiveSources(parsePolicy("default-src 'self'"), 'form-action')).toBeUndefined();
  });

  it('sorts every http or ftp source into active or passive content', () => {
    const active = ['script-src', 'style-src', 'object-src', 'frame-src', 'connect-src', 'font-src', 'worker-src', 'manifest-src', 'form-action', 'base-uri'];
    for (const d of active) {
      const r = a(`default-src 'self'; ${d} 'self' http://x.example`);
      expect([r.insecureActive, r.insecurePassive], d).toEqual([true, false]);
    }
    for (const d of ['img-src', 'media-src']) {
      const r = a(`default-src 'self'; ${d} 'self' ftp://x.example`);
      expect([r.insecureActive, r.insecurePassive], d).toEqual([false, true]);
    }
    // Scripts count on their own, not only through the workers that fall back to them.
    expect(a("default-src 'self'; script-src http://x.example; worker-src 'self'").insecureActive).toBe(true);
    // A source that merely ends in "ftp:" is not an ftp source.
    expect(a("default-src 'self'; img-src x-ftp:").insecurePassive).toBe(false);
  });

  it("takes default-src 'none', upgrade-insecure-requests and block-all-mixed-content from any one policy", () => {
    const r = a(["default-src 'none'", 'img-src a; upgrade-insecure-requests', 'block-all-mixed-content']);
    expect([r.defaultNone, r.upgradeInsecureRequests, r.blockAllMixedContent]).toEqual([true, true, true]);
    const none = a("img-src a");
    expect([none.defaultNone, none.upgradeInsecureRequests, none.blockAllMixedContent]).toEqual([false, false, false]);
  });

  it('lets any site frame the page only if every frame-ancestors allows any, and any one broad source is enough', () => {
    expect(a(['frame-ancestors *', "frame-ancestors 'self'"]).frameAncestorsAllowAny).toBe(false);
    expect(a(['frame-ancestors https:', "img-src 'self'"]).frameAncestorsAllowAny).toBe(true);
    expect(a("frame-ancestors 'self' *").frameAncestorsAllowAny).toBe(true);
    expect(a("frame-ancestors 'self' https://a.example").frameAncestorsAllowAny).toBe(false);
  });
});
