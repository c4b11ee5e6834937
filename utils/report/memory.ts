import { shortened } from './short-lines';
import type { MemoryFinding } from '../memory/classify';
import type { MemoryNote } from '../memory/store';
import { DAY_MS } from '../storage/memory';
import type { Statement, Tone } from './statement';

// What per-site memory found, as statements: each says what changed and on which day it was
// different, calmly (a change of authority is usually a site's own choice; an added root is the shape
// of interception, not proof of it). Plus one line on what Onlooker remembers about this site.
// The note is decided in the background (utils/memory/) and read from storage.session; nothing here
// needs the secret.

const TONE: Record<MemoryFinding['id'], Tone> = {
  'was-encrypted': 'warning',
  'hsts-dropped': 'info',
  'cert-renewed': 'info',
  'cert-new-key': 'info',
  'cert-new-authority': 'warning',
  'cert-added-root': 'warning',
  'looks-like-visited': 'warning',
};
/** Most important first. */
const ORDER: MemoryFinding['id'][] = ['cert-added-root', 'was-encrypted', 'looks-like-visited', 'cert-new-authority', 'hsts-dropped', 'cert-new-key', 'cert-renewed'];

const KEY: Record<MemoryFinding['id'], string> = {
  'was-encrypted': 'memory_wasEncrypted',
  'hsts-dropped': 'memory_hstsDropped',
  'cert-renewed': 'memory_certRenewed',
  'cert-new-key': 'memory_certNewKey',
  'cert-new-authority': 'memory_certNewAuthority',
  'cert-added-root': 'memory_certAddedRoot',
  'looks-like-visited': 'memory_looksLikeVisited',
};

export interface MemoryReport {
  /** The findings, most important first. */
  findings: Statement[];
  /** What is remembered about this site: since when, or that it is remembered from now on, or nothing (memory off). */
  remembered: Statement;
  /** This site was https when last seen and is plain http now (the headline says so). */
  wasEncrypted: boolean;
}

function statement(f: MemoryFinding): Statement {
  const date = { date: f.since * DAY_MS };
  const parts = f.id === 'cert-new-authority' ? [date, { text: f.before, max: 60 }, { text: f.now, max: 60 }] : [date];
  return { id: `memory-${f.id}`, key: KEY[f.id], parts, tone: TONE[f.id], about: 'memory', rests: f.id === 'was-encrypted' ? ['scheme'] : f.id === 'looks-like-visited' ? ['host'] : ['certificate'] };
}

/** `note` 'none': memory is off, or this page is not one memory keeps (private window, address). */
export function memoryReport(note: MemoryNote | 'none', scheme: string): MemoryReport {
  if (note === 'none' || note.kept === false) return { findings: [], remembered: { id: 'memory-none', key: 'memory_nothing', tone: 'info', about: 'memory', rests: [] }, wasEncrypted: false };
  // A note is only ever written for an http(s) page; the scheme guards against a stale one.
  const findings = note.findings
    .filter((f) => (f.id === 'was-encrypted' ? scheme === 'http' : f.id === 'looks-like-visited' || scheme === 'https'))
    .sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id))
    .map(statement);
  const remembered: Statement =
    note.since === undefined
      ? { id: 'memory-new', key: 'memory_rememberedNew', tone: 'info', about: 'memory', rests: [] }
      : { id: 'memory-since', key: 'memory_rememberedSince', parts: [{ date: note.since * DAY_MS }], tone: 'info', about: 'memory', rests: [] };
  return { findings, remembered: shortened(remembered), wasEncrypted: findings.some((s) => s.id === 'memory-was-encrypted') };
}
