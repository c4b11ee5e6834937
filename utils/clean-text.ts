import { cutWhole, inert } from './format';

// Names in certificates, TLS details, cookies and headers come from whoever made the certificate or
// the page. The capture code stores them through this: made inert as the popup shows them (one set of
// unsafe characters, in utils/format.ts) and cut to a bound, so that a stored page view stays small.

/** A string as the capture code keeps it: inert and at most `max` long; anything else is ''. */
export function cleanText(value: unknown, max = 256): string {
  if (typeof value !== 'string') return '';
  return inert(cutWhole(value, max));
}
