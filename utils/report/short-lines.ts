import type { Statement } from './statement';

// A statement's first line must fit in two lines of the 380 px popup in English and German (tested in
// the real browsers, tests/e2e/first-view.e2e.ts). These sentences do not: their first line is
// `short_<key>`, which says the same thing with fewer words, and the whole sentence opens under it.
// A short line never claims more than its sentence; it may leave a qualifier to the sentence.

const SHORTENED = new Set([
  'reason_netReadsHttp',
  'reason_mixedRequests',
  'reason_insecureForm',
  'reason_firstHopHttp',
  'reason_certUnverified',
  'reason_certUnverifiedTor',
  'reason_certStopped',
  'reason_httpPastHttpsProxy',
  'reason_httpViaProxy',
  'reason_customRootKnown',
  'identity_customRoot',
  'identity_knownRoot',
  'identity_verifiedNoRoot',
  'identity_proceeded',
  'identity_onion',
  'identity_overridden',
  'firstRequest_network',
  'firstRequest_internal',
  'firstRequest_unconfirmed',
  'forms_insecure',
  'references_blocked',
  'references_someLoaded',
  'note_quietHost',
  'notKept_some',
  'notKept_minimal',
  'finding_certificateProceeded',
  'finding_privateNetwork',
  'finding_factsIncomplete',
  'finding_ocspUsed',
  'finding_downgrade',
  'memory_rememberedSince',
  'memory_rememberedNew',
]);

/** The short first line for a sentence that needs one. */
export function shortKey(key: string): string | undefined {
  return SHORTENED.has(key) ? `short_${key}` : undefined;
}

/** The statement with its short first line, where it needs one (the popup opens the whole sentence under it). */
export function shortened(s: Statement): Statement {
  const short = shortKey(s.key);
  return short ? { ...s, short } : s;
}
