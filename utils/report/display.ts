// How a page-controlled URL is shown: origin and path only. Query strings and fragments carry OAuth
// codes, session tokens and the like; they are never shown or exported.

export function originAndPath(url: unknown): string {
  const s = typeof url === 'string' ? url : '';
  const cut = s.search(/[?#]/);
  return cut >= 0 ? s.slice(0, cut) : s;
}
