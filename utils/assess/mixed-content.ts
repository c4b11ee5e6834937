import { hostFacts } from '../hosts';
import type { DocumentScan, HostContact } from '../page-view';
import type { Finding } from './posture';

// Insecure content on an https page, from two sources that see different things: webRequest sees what
// actually went out over http; the document scan sees references the browser blocked or upgraded.

/** Hosts reached over plain http or ws (loopback excluded: that traffic never leaves the device). */
export function insecureHosts(hosts: Record<string, HostContact>): string[] {
  const out: string[] = [];
  for (const h of Object.values(hosts)) {
    if (((h.schemes.http ?? 0) > 0 || (h.schemes.ws ?? 0) > 0) && !hostFacts(h.host).loopback) out.push(h.host);
  }
  return out;
}

export function mixedContentFindings(hosts: Record<string, HostContact>, scan: DocumentScan | undefined): Finding[] {
  const out: Finding[] = [];
  const insecure = insecureHosts(hosts);
  if (insecure.length) out.push({ id: 'insecure-requests', hosts: insecure.slice(0, 20) });
  if (scan) {
    const n = scan.insecure;
    // Browsers block these on https pages; images and media they upgrade to https (Chrome 86+, Firefox 127+).
    const active = (n.script ?? 0) + (n.stylesheet ?? 0) + (n.iframe ?? 0) + (n.object ?? 0);
    const passive = (n.image ?? 0) + (n.media ?? 0) + (n.other ?? 0);
    if (active) out.push({ id: 'mixed-active', count: active });
    if (passive) out.push({ id: 'mixed-passive', count: passive });
    if (scan.insecureForms) out.push({ id: 'insecure-form', count: scan.insecureForms });
  }
  return out;
}
