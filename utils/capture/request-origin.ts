import type { RequestOrigin } from './events';

// Which document a request belongs to. Chrome names documents (documentId, Chrome 106+); Firefox
// gives the frame's ancestors instead, whose last entry is the top-level document.

export interface RequestDetailsLike {
  tabId: number;
  frameId?: number;
  type?: string;
  url: string;
  documentId?: string;
  parentDocumentId?: string;
  documentLifecycle?: string;
  frameType?: string;
  documentUrl?: string;
  frameAncestors?: { url: string; frameId: number }[];
  timeStamp?: number;
}

export function requestOrigin(d: RequestDetailsLike): RequestOrigin {
  if (d.documentId !== undefined || d.parentDocumentId !== undefined) {
    return { documentId: d.documentId, parentDocumentId: d.parentDocumentId };
  }
  const ancestors = d.frameAncestors;
  if (Array.isArray(ancestors) && ancestors.length) return { topUrl: ancestors[ancestors.length - 1]!.url };
  if (d.frameId === 0 && typeof d.documentUrl === 'string') return { topUrl: d.documentUrl };
  return {};
}

export function isPrerender(d: { documentLifecycle?: string }): boolean {
  return d.documentLifecycle === 'prerender';
}
