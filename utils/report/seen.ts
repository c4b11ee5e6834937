import { viaTor, type ConnectionFacts } from './facts';
import { pathContent } from './who-sees';
import type { Tone } from './statement';
import type { Cell, Observer, Seeing, Subject, WhoRow } from './who-sees';

// "Who can see what", compact: one row per thing that can be seen (which site you visit, what you read
// and send, your IP address), each naming the parties that see it on this page. Derived from the full
// table (who-sees.ts), never decided anew: a party appears here exactly when its cell says it can see.
// Parties that are only hypothetical here (a VPN; Tor relays when Tor is not in use) stay in the help
// and in the full table; an added root's holder appears by that name when it is the one that may read.

/** Who may see: the parties of the table, and the holder of an added root (in the table, on the network's row). */
export type Party = Observer | 'root-holder';

/** A cell that says the party has (or may have) the thing; `unknown` is kept: leaving it out would claim it does not. */
export type Seen = Exclude<Seeing, 'does-not-see' | 'if-used'>;

export interface Seer {
  party: Party;
  value: Seen;
  /** Not the usual: someone on the path (not the site, not the sites it shares with) who can read the content. Only these are coloured. */
  unexpected: boolean;
  reason: string;
}

export interface SeenRow {
  subject: Subject;
  /** In the table's order; empty when no party can see it (a page stopped at its certificate warning). */
  seers: Seer[];
  /** What the row means for the person: `protected` when only the site reads the content, `info` for the usual metadata. */
  tone: Tone;
}

/** The site, and the sites it shares with: they see what you send by design, not by a weakness of the path. */
const ENDPOINTS = new Set<Party>(['site', 'third-parties']);
const SEEN = new Set<Seeing>(['sees', 'partly', 'likely', 'may-see', 'unknown']);
const isSeen = (c: Cell): c is Cell & { value: Seen } => SEEN.has(c.value);

/** Relays and providers that are not on this page's path: the help describes them as before/after. */
function inPlay(o: Observer, f: ConnectionFacts): boolean {
  if (o === 'vpn') return false;
  if (o === 'tor-guard' || o === 'tor-exit') return viaTor(f) || f.host.onion;
  return true;
}

function partyOf(o: Observer, subject: Subject, c: Cell): Party {
  return o === 'network' && subject === 'content' && c.reason === 'customRoot' ? 'root-holder' : o;
}

function rowTone(subject: Subject, seers: Seer[]): Tone {
  // The site never got the page (stopped at its certificate warning): a calm fact, not a tick.
  if (subject !== 'content' || !seers.some((s) => s.party === 'site')) return 'info';
  const odd = seers.filter((s) => s.unexpected);
  if (odd.some((s) => s.value === 'sees' || s.value === 'partly')) return 'exposed';
  if (odd.length) return 'warning';
  return seers.some((s) => s.value === 'unknown') ? 'unknown' : 'protected';
}

export function seenRows(who: WhoRow[], f: ConnectionFacts): SeenRow[] {
  const subjects: Subject[] = ['visit', 'content', 'ip'];
  return subjects.map((subject) => {
    const seers: Seer[] = [];
    for (const row of who) {
      const c = row[subject];
      if (!inPlay(row.observer, f) || !isSeen(c)) continue;
      const party = partyOf(row.observer, subject, c);
      seers.push({ party, value: c.value, unexpected: subject === 'content' && !ENDPOINTS.has(party) && c.value !== 'unknown', reason: c.reason });
    }
    // Through a proxy or Tor the table puts no one on the network's row, but the root's holder still may read.
    const holder = pathContent(f);
    if (subject === 'content' && holder.reason === 'customRoot' && !seers.some((s) => s.party === 'root-holder')) {
      seers.push({ party: 'root-holder', value: 'may-see', unexpected: true, reason: holder.reason });
    }
    return { subject, seers, tone: rowTone(subject, seers) };
  });
}
