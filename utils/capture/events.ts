import type { CookieFacts, ConnectionSecurity, DocumentScan, HostTls, ProxyFacts, SecurityHeaderName, SecurityHeaders } from '../page-view';

// What the browser glue extracts from webRequest / webNavigation / tabs / content-script messages.
// The recorder consumes only these, so it runs the same in Node, in tests and in both browsers.

interface Base {
  tabId: number;
  time: number;
}

/** Where a subresource request came from, as precisely as the browser says. */
export interface RequestOrigin {
  /** Chrome: the document that made the request. */
  documentId?: string;
  /** Chrome: that document's parent (set for requests made inside frames). */
  parentDocumentId?: string;
  /** Firefox: URL of the top-level document (from frameAncestors / documentUrl). */
  topUrl?: string;
}

export type CaptureEvent =
  | (Base & { kind: 'main-redirect'; requestId: string; url: string; redirectUrl: string; status?: number; ip?: string; prerender?: boolean })
  | (Base & {
      kind: 'main-headers';
      requestId: string;
      url: string;
      status?: number;
      headers?: SecurityHeaders;
      cookies?: CookieFacts[];
      cookiesOmitted?: number;
      truncatedHeaders?: SecurityHeaderName[];
      security?: ConnectionSecurity;
      proxy?: ProxyFacts;
      prerender?: boolean;
    })
  | (Base & { kind: 'main-response'; requestId: string; url: string; status?: number; ip?: string; fromCache?: boolean; prerender?: boolean })
  | (Base & { kind: 'main-error'; requestId: string; url: string; error: string; prerender?: boolean })
  /** Security info that arrives after the headers (Firefox resolves getSecurityInfo asynchronously). */
  | (Base & { kind: 'main-security'; requestId: string; url: string; security: ConnectionSecurity })
  | (Base & {
      kind: 'committed';
      url: string;
      documentId?: string;
      /** Chrome back/forward cache restore: the document already existed. */
      fromHistory?: boolean;
      prerender?: boolean;
      incognito?: boolean;
    })
  | (Base & {
      kind: 'subresource';
      url: string;
      ip?: string;
      status?: number;
      fromCache?: boolean;
      proxied?: boolean;
      origin: RequestOrigin;
    })
  | (Base & { kind: 'subresource-error'; url: string; error: string; origin: RequestOrigin })
  /** Firefox: the TLS of the first response from one host of the page (asked once per host and page). */
  | (Base & { kind: 'host-security'; url: string; tls: HostTls; origin: RequestOrigin })
  | (Base & { kind: 'document-scan'; url: string; scan: DocumentScan; origin: RequestOrigin })
  /**
   * A top-level navigation ended in an error page instead of a commit (Chrome sends no onCommitted for
   * a certificate interstitial or a network error page): the tab now shows that failure.
   */
  | (Base & { kind: 'navigation-failed'; url: string; error: string; documentId?: string })
  /** The tab now shows a URL without a commit we saw: prerender activation, or a tab from before start. */
  | (Base & { kind: 'tab-url'; url: string; incognito?: boolean })
  | (Base & { kind: 'tab-closed' });

export type CaptureKind = CaptureEvent['kind'];
