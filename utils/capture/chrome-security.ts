import { parseCertificate } from '../certificate/x509';
import { normalizeFingerprint } from '../certificate/text';
import type { ConnectionSecurity, SecurityState } from '../page-view';
import type { CapabilityStore } from './capabilities-store';
import type { CaptureEvent } from './events';
import { guarded } from './guard';
import type { WebRequestApi } from './web-request';
import { isObj } from './untrusted';

// Chrome: the WebRequestSecurityInfo feature (chrome://flags/#web-request-security-info, off by
// default) adds `securityInfo` to onHeadersReceived: a state and the leaf certificate's DER. Nothing
// says whether the feature is on, so a probe decides from what the listeners see:
// - the security listener fires with `securityInfo`            -> on ('chrome-flag')
// - it fires for an https main frame without `securityInfo`    -> off (Chromium 156 keeps the listener)
// - the plain headers listener saw an https main frame and the
//   security listener had not fired by the response start     -> off (builds that drop the listener)

type Emit = (ev: CaptureEvent) => void;

const STATES = new Set<SecurityState>(['secure', 'broken', 'insecure']);

const isHttps = (url: unknown) => typeof url === 'string' && /^https:/i.test(url);

/** Chrome's `details.securityInfo` ({state, certificates:[{fingerprint:{sha256}, rawDER}]}) -> ConnectionSecurity. */
export function normalizeChromeSecurityInfo(info: unknown, url?: string): ConnectionSecurity {
  if (!isObj(info)) return { source: 'chrome', state: 'unknown', certificates: [], problems: ['no-security-info'] };
  const problems: string[] = [];
  let state: SecurityState = typeof info.state === 'string' && STATES.has(info.state as SecurityState) ? (info.state as SecurityState) : 'unknown';
  if (state === 'unknown') problems.push('unknown-state');
  const certs = Array.isArray(info.certificates) ? info.certificates.filter(isObj) : [];
  // Chrome gives the site's own certificate only; anything after it would not be a verified chain.
  const leaf = certs[0];
  const certificates = [];
  if (leaf) {
    const parsed = leaf.rawDER === undefined ? { facts: {}, problems: ['no-der'] } : parseCertificate(leaf.rawDER);
    const sha256 = normalizeFingerprint(isObj(leaf.fingerprint) ? leaf.fingerprint.sha256 : undefined);
    certificates.push(sha256 ? { ...parsed.facts, sha256 } : parsed.facts);
    problems.push(...parsed.problems);
  }
  // An https response without TLS details (served by a service worker, say) is not "insecure".
  if (state === 'insecure' && isHttps(url)) {
    state = 'unknown';
    problems.push('no-tls-info');
  }
  const out: ConnectionSecurity = { source: 'chrome', state, certificates };
  if (problems.length) out.problems = problems;
  return out;
}

interface SecurityDetails {
  requestId: string;
  tabId: number;
  type?: string;
  url: string;
  timeStamp?: number;
  securityInfo?: unknown;
}

const MAX_TRACKED = 64;
const MAX_HELD = 16;

/** Decides, from listener sightings, whether this Chrome gives security info; see the file comment. */
export class ChromeSecurityProbe {
  /** https main-frame requests the plain listener saw, waiting for the security listener. */
  private readonly awaiting = new Set<string>();
  /** Requests the security listener saw (bounded; only recent ones matter). */
  private readonly sighted = new Set<string>();
  /** Requests whose headers event already went to the recorder. */
  private readonly headersPassed = new Set<string>();
  /**
   * Security events that arrived before their request's headers event: the recorder learns of a
   * navigation from its headers, so these wait for them (Chrome calls the listeners in the order they
   * were registered, which this must not depend on).
   */
  private readonly held = new Map<string, CaptureEvent>();

  constructor(
    private readonly caps: CapabilityStore,
    private readonly emit: Emit,
  ) {}

  private decide(on: boolean): void {
    const now = this.caps.get().securityInfo;
    if (now === 'chrome-flag') return; // once seen, the feature is on for this browser session
    if (!on && now === 'none') return;
    this.caps.set({ browser: 'chrome', securityInfo: on ? 'chrome-flag' : 'none' });
  }

  private remember(set: Set<string>, id: string): void {
    set.add(id);
    if (set.size > MAX_TRACKED) set.delete(set.values().next().value!);
  }

  /** The security-info listener fired. */
  securityEvent(d: SecurityDetails): void {
    if (typeof d.requestId !== 'string') return;
    this.remember(this.sighted, d.requestId);
    this.awaiting.delete(d.requestId);
    if (isObj(d.securityInfo)) {
      this.decide(true);
      const ev: CaptureEvent = {
        kind: 'main-security',
        tabId: d.tabId,
        time: typeof d.timeStamp === 'number' ? d.timeStamp : Date.now(),
        requestId: d.requestId,
        url: d.url,
        security: normalizeChromeSecurityInfo(d.securityInfo, d.url),
      };
      if (this.headersPassed.has(d.requestId)) this.emit(ev);
      else {
        this.held.set(d.requestId, ev);
        if (this.held.size > MAX_HELD) this.held.delete(this.held.keys().next().value!);
      }
    } else if (isHttps(d.url)) {
      this.decide(false);
    }
  }

  /** Every capture event from the plain listeners passes here on its way to the recorder. */
  observe(ev: CaptureEvent): void {
    if (ev.kind === 'main-headers') {
      if (isHttps(ev.url) && !this.sighted.has(ev.requestId)) this.remember(this.awaiting, ev.requestId);
    } else if (ev.kind === 'main-response' || ev.kind === 'main-error') {
      if (this.awaiting.delete(ev.requestId) && ev.kind === 'main-response') this.decide(false);
    }
  }

  /** Wrap `emit` so that the probe sees what the plain listeners report. */
  tap(emit: Emit): Emit {
    return (ev) => {
      try {
        this.observe(ev);
      } catch {
        // the probe must never cost an event
      }
      emit(ev);
      if (ev.kind === 'main-headers') {
        this.remember(this.headersPassed, ev.requestId);
        const held = this.held.get(ev.requestId);
        if (held) {
          this.held.delete(ev.requestId);
          this.emit(held);
        }
      }
    };
  }
}

const MAIN = { urls: ['<all_urls>'], types: ['main_frame'] };

/**
 * A separate main-frame listener asking for security info: some Chrome builds drop a listener whose
 * options they do not support, and that must not take the headers listener with it.
 */
export function listenToChromeSecurity(api: Pick<WebRequestApi, 'onHeadersReceived'>, probe: ChromeSecurityProbe): void {
  try {
    api.onHeadersReceived.addListener(guarded((d: SecurityDetails) => probe.securityEvent(d)) as (d: never) => void, MAIN, [
      'securityInfo',
      'securityInfoRawDer',
    ]);
  } catch {
    // A build that refuses the options outright: the probe's other rule decides 'none'.
  }
}
