import { VERDICTS, type Posture } from '../assess/posture';
import { isBool, isCount, isList, isNum, isObj, isStr, oneOf, optStr } from './guards';

// The one validator of a stored posture (`posture:<id>`): the background's assessment, which the
// popup shows as it is. Findings are rendered by id with their members as text, so each member must
// be a bounded string, a number, a boolean, a list of short strings or a flat record of those.

const MAX_FINDINGS = 64;
const TEXT = 4096;

const isPrimitive = (v: unknown) => isStr(v, TEXT) || isNum(v) || isBool(v);

function isMember(v: unknown): boolean {
  if (isPrimitive(v)) return true;
  if (Array.isArray(v)) return isList(v, 256, (s) => isStr(s, TEXT));
  if (!isObj(v)) return false;
  return Object.values(v).every(isPrimitive);
}

function isFinding(v: unknown): boolean {
  return isObj(v) && isStr(v.id, 64) && Object.values(v).every(isMember);
}

function isHostFacts(v: unknown): boolean {
  return isObj(v) && isStr(v.ascii, TEXT) && isStr(v.unicode, TEXT) && isStr(v.kind, 32) && isBool(v.loopback) && isBool(v.privateNetwork) && isBool(v.onion);
}

/** The stored value as a posture, or undefined when any part of it is off. Never throws. */
export function validatePosture(v: unknown): Posture | undefined {
  if (!isObj(v) || !oneOf(VERDICTS)(v.verdict) || !isStr(v.url, TEXT) || !isStr(v.scheme, 64)) return undefined;
  if (!isList(v.findings, MAX_FINDINGS, isFinding) || !isHostFacts(v.host) || !optStr(v.serverIp, 64)) return undefined;
  if (!isCount(v.firstPartyHosts) || !isCount(v.thirdPartyHosts)) return undefined;
  const score = v.headerScore;
  if (score !== undefined && !(isObj(score) && isNum(score.total) && isStr(score.grade, 4))) return undefined;
  return v as unknown as Posture;
}
