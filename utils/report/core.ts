import type { Capabilities } from '../capabilities';
import type { HostFacts } from '../hosts';
import type { PageView } from '../page-view';
import { hasFinding, SEVERITY, type Finding, type HeaderScore, type Posture } from '../assess/posture';
import { connectionStatements } from './connection';
import { addressLabel, connectionFacts, type ConnectionFacts } from './facts';
import { headline, withMemory, type Headline } from './headline';
import type { MemoryReport } from './memory';
import type { HostTable } from './hosts-table';
import type { Statement } from './statement';
import { seenRows, type SeenRow } from './seen';
import { whoSees, type WhoRow } from './who-sees';

export type { ConnectionFacts } from './facts';
export type { Headline } from './headline';
export type { Detail, Pair, Part, Statement, Tone } from './statement';
export type { Cell, Observer, Seeing, WhoRow } from './who-sees';
export { OBSERVERS, SUBJECTS } from './who-sees';
export type { Party, Seer, SeenRow } from './seen';

// reportCore(): the whole report for one tab but its host table, as data (index.ts adds the table:
// the popup paints this first, and loads the table's code after).
// report(): the whole report for one tab, as data. The popup, the tab page and the export render it;
// no component decides what is true. Pure: page view, posture and this browser's capabilities in,
// statements out (utils/report/*.ts each own one part; tests/unit/report-invariants.ts says what
// must hold for every combination of facts).

export interface Where {
  host: HostFacts;
  /** The name may imitate another (mixed scripts, or a confusable of an ASCII name): punycode first. */
  lookalike: boolean;
  /** `label_<...>`: whose address this is (the server's, a proxy's, or not known). */
  addressLabel: string;
  address?: string;
}

export interface Help {
  /** `heading_help` on pages with a problem; `heading_hideMore` where only the usual metadata shows. */
  headingKey: string;
  /** `help_<verdict>`: first, what matters for this page. */
  firstKey?: string;
  /** `help_proxy` and friends: the route this page took. */
  routeKey?: string;
  browser: Capabilities['browser'];
}

/** What the user has said about this page in the settings: it changes the badge, and what is said about it. */
export interface Marks {
  /** The chain ends in a root the user marked as expected (settings.knownRoots). */
  knownRoot?: boolean;
  /** The user said plain http is expected for this host (settings.quietHosts). */
  quietHost?: boolean;
  /** Firefox: whether the user asked for TLS per host (settings.hostTls); unknown until the settings load. */
  hostTls?: boolean;
  /**
   * What per-site memory says about this page: its note (utils/memory/, read from storage.session) as
   * statements (`memoryReport`, utils/report/memory.ts, loaded after the first paint); undefined while not known.
   */
  memory?: MemoryReport;
}

/**
 * The report without its host table and its "still visible" statements: what the popup paints first
 * (both open from closed disclosures; their code loads after: report() in index.ts has them all).
 */
export type ReportCore = Omit<Report, 'hosts' | 'visible'>;

export interface Report {
  headline: Headline;
  /** False for browser pages, files and unknown schemes: there is no connection to describe. */
  applies: boolean;
  where?: Where;
  connection: Statement[];
  visible: Statement[];
  /** Findings said in their own words (`finding_<id>`), most important first; the rest under "More". */
  notes: Finding[];
  more: Finding[];
  headers: Extract<Finding, { id: 'header' }>[];
  headerScore?: HeaderScore;
  who: WhoRow[];
  /** The same, compact: per thing that can be seen, the parties in play that see it (the popup's first view). */
  seen: SeenRow[];
  help?: Help;
  /** Every host of the page: contacted ones, failed ones apart, per-host TLS where the browser tells. */
  hosts: HostTable;
  /** Changes since an earlier visit, and what is remembered; absent until memory's note is known. */
  memory?: MemoryReport;
  /** The line that opens the host table: the third parties first, by name. */
  contacts: Contacts;
  facts: ConnectionFacts;
}

/**
 * `others`: the third-party hosts that answered, the busiest two by name; `own`: only the site's own
 * hosts answered; `unseen`: the page loaded before Onlooker watched, so no host can be named or denied.
 */
export type Contacts = { kind: 'others'; names: string[]; more: number } | { kind: 'own'; hosts: number } | { kind: 'unseen' };

const NAMED_CONTACTS = 2;

function contactsOf(f: ConnectionFacts): Contacts {
  if (f.observed !== 'network') return { kind: 'unseen' };
  const third = f.contacted.filter((h) => h.party === 'third').sort((a, b) => b.requests - a.requests);
  if (!third.length) return { kind: 'own', hosts: f.contacted.length };
  return { kind: 'others', names: third.slice(0, NAMED_CONTACTS).map((h) => h.host), more: Math.max(0, third.length - NAMED_CONTACTS) };
}

/** Findings the connection and visible statements already say (with the facts that limit them). */
const SAID_BY_STATEMENTS = new Set<Finding['id']>([
  'custom-root', 'first-hop-http', 'insecure-requests', 'mixed-active', 'mixed-passive', 'insecure-form', 'security-broken',
  'certificate-override', 'third-parties', 'idn', 'proxy', 'tor-proxy', 'header',
]);
/** Said at the top, next to the headline: what limits how much the report can say. */
const TOP_INFO = new Set<Finding['id']>(['facts-incomplete', 'load-failed', 'private-network']);

const FIRST_HELP: Partial<Record<Posture['verdict'], string>> = {
  'not-encrypted': 'help_notEncrypted',
  mixed: 'help_mixed',
  'cert-error': 'help_certError',
  'custom-root': 'help_customRoot',
  onion: 'help_onion',
  local: 'help_local',
};

function helpFor(posture: Posture, f: ConnectionFacts, caps: Capabilities): Help {
  let firstKey = FIRST_HELP[posture.verdict];
  // Blocked or upgraded references sent nothing in the clear: the mixed-content help would be false.
  if (posture.verdict === 'mixed' && !f.content.httpHosts.length) firstKey = f.content.insecureForms ? 'help_mixedForm' : undefined;
  // Whatever else is wrong, an added root reads everything: its help comes first.
  if (posture.verdict === 'mixed' && f.root.kind === 'added') firstKey = 'help_customRoot';
  const r = f.route;
  // An onion service has no exit: the Tor route note would describe a different path.
  const routeKey = f.host.onion ? undefined : r.kind === 'tor' ? 'help_torProxy' : r.kind === 'proxy' ? (r.onDevice ? 'help_localProxy' : 'help_proxy') : undefined;
  return { headingKey: firstKey ? 'heading_help' : 'heading_hideMore', ...(firstKey ? { firstKey } : {}), ...(routeKey ? { routeKey } : {}), browser: caps.browser };
}

export function reportCore(view: PageView, posture: Posture, caps: Capabilities, marks: Marks = {}): ReportCore {
  const f = connectionFacts(view, posture, caps);
  const idn = hasFinding(posture, 'idn');
  const lookalike = !!idn?.lookalike;
  const web = posture.scheme === 'http' || posture.scheme === 'https';
  const applies = web && posture.verdict !== 'internal' && posture.host.kind !== 'none';
  const shown = posture.findings.filter((x) => !SAID_BY_STATEMENTS.has(x.id));
  const top = (x: Finding) => SEVERITY[x.id] !== 'info' || TOP_INFO.has(x.id);
  const out: ReportCore = {
    headline: headline(posture, f, lookalike),
    applies,
    connection: applies ? connectionStatements(view, posture, f, caps.browser === 'chrome', caps.securityInfo === 'chrome-flag', marks) : [],
    notes: shown.filter(top),
    more: shown.filter((x) => !top(x)),
    headers: posture.findings.filter((x): x is Extract<Finding, { id: 'header' }> => x.id === 'header'),
    who: [],
    seen: [],
    contacts: contactsOf(f),
    facts: f,
  };
  if (applies) {
    out.who = whoSees(f);
    out.seen = seenRows(out.who, f);
  }
  if (posture.host.ascii && posture.verdict !== 'internal') {
    out.where = { host: posture.host, lookalike, addressLabel: addressLabel(f), ...(f.address ? { address: f.address } : {}) };
  }
  if (posture.headerScore) out.headerScore = posture.headerScore;
  if (applies) out.help = helpFor(posture, f, caps);
  if (applies && marks.memory) {
    out.memory = marks.memory;
    if (out.memory.wasEncrypted) out.headline = withMemory(out.headline, f, lookalike);
  }
  return out;
}

