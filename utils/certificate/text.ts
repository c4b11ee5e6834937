// Distinguished names and fingerprints as the browsers give them in text form.

const HEX2 = /^[0-9a-fA-F]{2}$/;

/**
 * The value of the first `CN=` in a distinguished-name string, RFC 4514 style ("CN=a,O=b\, Inc,C=US")
 * or NSS style, which Firefox gives, with quoted values ('O="DigiCert, Inc.",C=US').
 */
export function commonNameOf(dn: unknown): string | undefined {
  if (typeof dn !== 'string') return undefined;
  const s = dn.length > 4096 ? dn.slice(0, 4096) : dn;
  let i = 0;
  while (i < s.length) {
    let type = '';
    while (i < s.length && s[i] !== '=' && s[i] !== ',' && s[i] !== '+') type += s[i++];
    if (s[i] !== '=') {
      i++;
      continue;
    }
    i++; // '='
    while (s[i] === ' ') i++;
    let value = '';
    let quoted = false;
    for (; i < s.length; i++) {
      const c = s[i]!;
      if (c === '\\' && i + 1 < s.length) {
        const pair = s.slice(i + 1, i + 3);
        if (HEX2.test(pair)) {
          value += String.fromCharCode(parseInt(pair, 16));
          i += 2;
        } else value += s[++i];
        continue;
      }
      if (c === '"') {
        quoted = !quoted;
        continue;
      }
      if (!quoted && (c === ',' || c === '+' || c === ';')) break;
      value += c;
    }
    i++; // the separator
    if (type.trim().toUpperCase() === 'CN') return value.trim();
  }
  return undefined;
}

/** Chrome and Firefox both give "AB:CD:..."; accept bare or lower-case hex too, refuse anything else. */
export function normalizeFingerprint(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const bare = value.replace(/:/g, '');
  if (!/^[0-9a-fA-F]{64}$/.test(bare)) return undefined;
  return bare.toUpperCase().match(/../g)!.join(':');
}

/** A SHA-256 the browser gives in base64 (Firefox `subjectPublicKeyInfoDigest.sha256`) as lowercase hex, or undefined. */
export function base64Sha256(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]{43}=$/.test(value)) return undefined;
  try {
    return Array.from(atob(value), (ch) => ch.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  } catch {
    return undefined;
  }
}
