import { hostTable, type HostContact, type NotKept, type PageView } from '../page-view';

// A tab's stored record has a byte budget, measured as the JSON the store writes (what the browser
// counts against storage.session's quota). A view over budget is stored degraded, in a stated order:
// document-scan samples, then header values and cookies, then hosts beyond those that fit (the
// page's own host and hosts reached over plain http/ws first: they decide the verdict). What was left
// out is recorded in `notKept`, so the popup can say "N more not kept". The view in memory, and the
// posture assessed from it, stay complete.

/** Per-tab budget: with 10 MB of storage.session, ~150 tabs at the cap and far more at their usual size. */
export const TAB_BUDGET = 64 * 1024;
/**
 * What all per-tab records together may use (Chrome's storage.session quota is 10 MB; the rest is
 * headroom for the other items and for the browser's own accounting). A record that would go over it
 * is not written, and the tab's old record is removed.
 */
export const TOTAL_BUDGET = 8 * 1024 * 1024;

export const jsonBytes = (v: unknown): number => JSON.stringify(v)?.length ?? 0;

const add = (a: number | undefined, b: number) => (a ?? 0) + b || undefined;

function compactNotKept(n: NotKept): NotKept | undefined {
  const out: NotKept = {};
  for (const [k, v] of Object.entries(n) as [keyof NotKept, number | boolean | undefined][]) if (v) (out as Record<string, unknown>)[k] = v;
  return Object.keys(out).length ? out : undefined;
}

const insecure = (h: HostContact) => !!(h.schemes.http || h.schemes.ws);

/**
 * The view as stored under `budget` bytes of JSON (the view itself when it fits). Pure. Each part is
 * measured once and what is dropped is subtracted, so a large view costs about two serialisations.
 */
export function fitView(view: PageView, budget = TAB_BUDGET): PageView {
  let size = jsonBytes(view);
  if (size <= budget) return view;
  const notKept: NotKept = { ...view.notKept };
  const v: PageView = { ...view, main: { ...view.main } };
  // Room for the notKept record itself (a few counters).
  const limit = budget - 160;

  if (v.scan?.samples.length) {
    notKept.samples = add(notKept.samples, v.scan.samples.length);
    size -= jsonBytes(v.scan.samples) - 2;
    v.scan = { ...v.scan, samples: [] };
  }
  if (size > limit && (v.main.headers || v.main.cookies?.length)) {
    const values = Object.values(v.main.headers ?? {}).reduce((n, l) => n + (l?.length ?? 0), 0);
    if (values) notKept.headerValues = add(notKept.headerValues, values);
    if (v.main.cookies?.length) notKept.cookies = add(notKept.cookies, v.main.cookies.length);
    size -= jsonBytes({ headers: v.main.headers, cookies: v.main.cookies }) - 2;
    delete v.main.headers;
    delete v.main.cookies;
  }
  if (size > limit) {
    // Hosts: keep those that matter most while they fit in what the rest leaves.
    const all = Object.values(v.hosts);
    const pageHost = all[0];
    const ordered = [...all].sort((a, b) => Number(b === pageHost) - Number(a === pageHost) || Number(insecure(b)) - Number(insecure(a)));
    const costs = new Map(all.map((h) => [h, jsonBytes(h) + h.host.length + 4] as const));
    let room = limit - (size - jsonBytes(v.hosts) + 2);
    const kept = new Set<HostContact>();
    let droppedRequests = 0;
    for (const h of ordered) {
      const cost = costs.get(h)!;
      if (cost <= room) {
        kept.add(h);
        room -= cost;
      } else droppedRequests += h.requests;
    }
    // The recorder's insertion order, for the hosts that stay.
    const hosts = hostTable();
    for (const h of all) if (kept.has(h)) hosts[h.host] = h;
    notKept.hosts = add(notKept.hosts, all.length - kept.size);
    notKept.hostRequests = add(notKept.hostRequests, droppedRequests);
    v.hosts = hosts;
    v.hostCount = kept.size;
  }
  v.notKept = compactNotKept(notKept);
  return jsonBytes(v) <= budget ? v : minimalView(view);
}

/**
 * The smallest record that still describes the right page: its URL, how it was observed and the main
 * document's status line facts. Used when nothing more fits; the popup says the details were not kept.
 */
export function minimalView(view: PageView): PageView {
  const last = view.hops[view.hops.length - 1];
  const { status, ip, error, fromCache, proceededPastError } = view.main;
  const main: PageView['main'] = {};
  if (status !== undefined) main.status = status;
  if (ip !== undefined) main.ip = ip;
  if (error !== undefined) main.error = error;
  if (fromCache) main.fromCache = true;
  if (proceededPastError !== undefined) main.proceededPastError = proceededPastError;
  const out: PageView = {
    schema: 1,
    tabId: view.tabId,
    id: view.id,
    url: view.url,
    observed: view.observed,
    startedAt: view.startedAt,
    hops: [{ url: last && last.url !== view.url ? last.url : view.url }],
    main,
    hosts: hostTable(),
    hostCount: 0,
    omittedRequests: view.omittedRequests,
    requests: view.requests,
    notKept: { minimal: true, hosts: Object.keys(view.hosts).length || undefined },
  };
  if (view.committedAt !== undefined) out.committedAt = view.committedAt;
  if (view.incognito) out.incognito = true;
  if (view.mainRequestId !== undefined) out.mainRequestId = view.mainRequestId;
  out.notKept = compactNotKept(out.notKept!);
  return out;
}
