import { CHROME_DEFAULT } from '../capabilities';
import type { PageView } from '../page-view';
import { verdictKey, type Posture, type Verdict } from '../assess/posture';
import { connectionFacts, unverified, viaTor, type ConnectionFacts } from './facts';

// The headline: the verdict names the page (as the badge does); its explanation, the toolbar title and
// the action line are chosen from the facts, so that a route through Tor or an HTTPS proxy, an added
// root under mixed content, or http references the browser blocked are never told as something else.

export interface Headline {
  verdict: Verdict;
  /** `verdict_<key>`: the name of the page's state. */
  verdictKey: string;
  /** `why_<key>`: one sentence on what that state means here. */
  whyKey: string;
  /** `title_<key>`: the toolbar title, the same sentence in the tooltip's form. */
  titleKey: string;
  /** `do_<key>`: what to do, for pages that need it. */
  actionKey?: string;
}

/** Which explanation of the verdict holds for these facts (`why_<key>` and `title_<key>`). */
export function explanation(verdict: Verdict, f: ConnectionFacts): string {
  const base = verdictKey(verdict);
  const r = f.route;
  switch (verdict) {
    case 'not-encrypted':
      if (viaTor(f)) return 'notEncryptedTor';
      if (r.kind === 'proxy' && !r.onDevice) return r.protocol === 'https' ? 'notEncryptedHttpsProxy' : 'notEncryptedProxy';
      if (f.host.privateNetwork) return 'notEncryptedLan';
      return base;
    case 'encrypted':
      if (viaTor(f)) return 'encryptedTor';
      if (r.kind === 'proxy' && !r.onDevice && r.protocol === 'https') return 'encryptedHttpsProxy';
      return base;
    case 'mixed':
      if (f.root.kind === 'added') return f.content.httpHosts.length ? 'mixedAddedRoot' : 'mixedAddedRootRefs';
      if (f.content.httpHosts.length) return 'mixed';
      if (f.content.insecureForms) return 'mixedForm';
      return 'mixedReferences';
    case 'cert-error':
      return f.certificate === 'stopped' ? 'certErrorStopped' : base;
    default:
      return base;
  }
}

/** The one thing to do (or not do) on this page, most urgent first; none on a page that needs none. */
export function actionFor(f: ConnectionFacts, lookalike: boolean): string | undefined {
  if (lookalike) return 'lookalike';
  if (f.certificate === 'stopped') return 'certErrorStopped';
  if (unverified(f)) return 'certErrorPast';
  if (f.content.passwordFieldsOnHttp && !f.host.loopback && !f.host.onion) return 'passwordOnHttp';
  if (f.scheme === 'http' && f.downgrade && !f.host.loopback) return 'downgrade';
  if (f.scheme === 'http' && !f.host.loopback && !f.host.onion) return f.host.privateNetwork ? 'notEncryptedLan' : 'notEncrypted';
  if (f.root.kind === 'added') return 'customRoot';
  if (f.content.insecureForms) return 'insecureForm';
  if (f.content.httpHosts.length) return 'httpParts';
  return undefined;
}

export function headline(posture: Posture, f: ConnectionFacts, lookalike: boolean): Headline {
  const why = explanation(posture.verdict, f);
  const actionKey = actionFor(f, lookalike);
  return { verdict: posture.verdict, verdictKey: verdictKey(posture.verdict), whyKey: why, titleKey: why, ...(actionKey ? { actionKey } : {}) };
}

/**
 * The explanation for the toolbar title, from what the background has: the view and its posture. The
 * capabilities do not enter into it (the route comes from the view's proxy facts).
 */
export function explanationOf(view: PageView, posture: Posture): string {
  return explanation(posture.verdict, connectionFacts(view, posture, CHROME_DEFAULT));
}

/**
 * The headline of a plain-http page that was https when last seen (per-site memory): the explanation
 * says that this changed, and the action fits it. The toolbar title stays the background's (the badge
 * never depends on memory), and more urgent actions (a look-alike, a certificate) stay first.
 */
export function withMemory(h: Headline, f: ConnectionFacts, lookalike: boolean): Headline {
  if (h.verdict !== 'not-encrypted' || f.scheme !== 'http' || viaTor(f)) return h;
  const action = actionFor(f, lookalike);
  const urgent = action === 'lookalike' || action === 'certErrorStopped' || action === 'certErrorPast';
  // Only the plain explanation is replaced: a proxy's or a home network's says who reads the page.
  return { ...h, ...(h.whyKey === 'notEncrypted' ? { whyKey: 'notEncryptedWasEncrypted' } : {}), ...(urgent ? {} : { actionKey: 'wasEncrypted' }) };
}
