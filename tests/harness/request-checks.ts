import type { LoggedRequest } from './servers';

// What the scenario servers may receive while a browser visits the scenario pages: only what those
// pages' elements load. Anything else came from somewhere else (the extension, the browser itself).

/** What the scenario pages load: documents, images, scripts, stylesheets (never fetch or XHR). */
export const PAGE_DESTINATIONS: readonly string[] = ['document', 'image', 'script', 'style'];

/** The request came from a page element (browsers send Sec-Fetch-Dest only to trustworthy origins: not to plain http). */
export function fromPageElement(r: LoggedRequest): boolean {
  return r.fetchDest === undefined ? r.scheme === 'http' : PAGE_DESTINATIONS.includes(r.fetchDest);
}

/** Requests no scenario page made: an unknown resource, not an element's load, or sent from an extension's origin. */
export function notFromScenarioPages(received: readonly LoggedRequest[]): LoggedRequest[] {
  return received.filter((r) => !r.known || !fromPageElement(r) || /^(moz|chrome)-extension:/.test(r.origin ?? ''));
}
