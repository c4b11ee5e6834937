import type { Capabilities } from '../capabilities';
import { isObj } from './guards';

const SECURITY_INFO = new Set(['firefox', 'chrome-flag', 'none', 'probing']);

/** The one validator of the stored `capabilities`: rebuilt with exactly its two members. */
export function validateCapabilities(v: unknown): Capabilities | undefined {
  if (!isObj(v) || (v.browser !== 'chrome' && v.browser !== 'firefox') || typeof v.securityInfo !== 'string' || !SECURITY_INFO.has(v.securityInfo)) return undefined;
  return { browser: v.browser, securityInfo: v.securityInfo as Capabilities['securityInfo'] };
}
