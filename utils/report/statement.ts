import type { Fact } from '../capabilities';

// The report as data: statements with a message key, their live parts, a tone and the facts they rest
// on. Components render these and decide nothing; the export renders the same model.

/** How a statement reads for the person: what protects them, what exposes them, what to watch. */
export type Tone = 'protected' | 'exposed' | 'warning' | 'info' | 'unknown';

/** The live parts of a sentence, in the message's placeholder order. */
export type Part =
  /** A value someone else controls (hostname, IP, certificate name): shown inert, isolated, clipped. */
  | { text: string; max?: number; cls?: string }
  /** Another message's words (a category, a state), with its own parts. */
  | { msg: string; parts?: Part[] }
  | { count: number }
  /** A day, shown in the reader's language. */
  | { date: number }
  /** A fact that is absent: "unknown", or "not available in this browser" where the browser cannot give it. */
  | { missing: Fact };

export interface Pair {
  label: string;
  cls: string;
  value: Part[];
}

export type Detail =
  | { kind: 'text'; key: string; parts?: Part[] }
  | { kind: 'pairs'; cls: string; pairs: Pair[] }
  /** An intro line and a list of page-controlled values (addresses). */
  | { kind: 'list'; key: string; items: string[] };

/** What a statement speaks about: two statements about the same subject must never disagree in tone. */
export type Subject =
  | 'content'
  | 'identity'
  | 'first-request'
  | 'forms'
  | 'references'
  | 'destination'
  | 'you'
  | 'name'
  | 'notice'
  /** What per-site memory found: changes since an earlier visit. */
  | 'memory';

/** Named facts a statement rests on (the axes of utils/report/facts.ts). */
export type Basis = 'scheme' | 'certificate' | 'root' | 'route' | 'content' | 'hops' | 'dns' | 'ech' | 'host' | 'observed' | 'hosts' | 'tls';

export interface Statement {
  /** Stable id: the CSS class the popup gives it and the export's key. */
  id: string;
  /** The whole sentence. */
  key: string;
  /** A shorter first line for the popup (`short_<key>`, same parts): the whole sentence then opens under it. */
  short?: string;
  parts?: Part[];
  tone: Tone;
  about: Subject;
  rests: Basis[];
  details?: Detail[];
}

export const text = (value: string | undefined, max?: number, cls?: string): Part =>
  value ? { text: value, ...(max ? { max } : {}), ...(cls ? { cls } : {}) } : { msg: 'value_unknown' };
