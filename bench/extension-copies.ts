import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSettings, SETTINGS_KEY, type Settings } from '../utils/storage/settings';

// The extensions the page-load benches compare, for both browsers: the one-empty-listener reference,
// and copies of the built Onlooker that differ from it in one thing (empty listeners, other settings).
// A copy changes the build only by code put in front of its background script.

export type BenchBrowser = 'chromium' | 'firefox';

/** The calibration extension: one empty onResponseStarted listener for all URLs, nothing else. */
export function buildReferenceExtension(root: string, browser: BenchBrowser): string {
  const dir = join(root, 'reference');
  mkdirSync(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: 'Bench reference: one empty onResponseStarted listener',
    version: '1.0',
    permissions: ['webRequest'],
    host_permissions: ['<all_urls>'],
    ...(browser === 'chromium'
      ? { background: { service_worker: 'background.js' } }
      : {
          background: { scripts: ['background.js'] },
          browser_specific_settings: { gecko: { id: 'bench-reference@onlooker.invalid', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } } },
        }),
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const api = browser === 'chromium' ? 'chrome' : 'browser';
  writeFileSync(join(dir, 'background.js'), `${api}.webRequest.onResponseStarted.addListener(() => {}, { urls: ['<all_urls>'] });\n`);
  return dir;
}

interface BackgroundManifest {
  background?: { service_worker?: string; scripts?: string[] };
  content_scripts?: unknown;
}

/** A copy of `built` in `dir` whose background script starts with `code` (and whose manifest `edit` may change). */
export function copyWithPrelude(built: string, dir: string, code: string, edit?: (m: BackgroundManifest) => void): string {
  cpSync(built, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BackgroundManifest;
  const script = manifest.background?.service_worker ?? manifest.background?.scripts?.[0];
  if (!script) throw new Error(`the build at ${built} has no background script`);
  writeFileSync(join(dir, script), code + readFileSync(join(dir, script), 'utf8'));
  if (edit) {
    edit(manifest);
    writeFileSync(manifestPath, JSON.stringify(manifest));
  }
  return dir;
}

/** The settings a copy runs with: the defaults with `changes`, as the options page would store them. */
export function benchSettings(changes: Partial<Omit<Settings, 'schema'>>): Settings {
  return { ...defaultSettings(), ...changes };
}

/**
 * Runs first in a copy's background: writes `settings` to storage.local unless they are there already
 * (a restarted worker writes nothing, so no settings change reaches the extension mid-run). The
 * extension reads its settings at start and follows every change, so it runs with these from its
 * first moments on; the benches start loading seconds later.
 */
export function settingsPrelude(settings: Settings): string {
  return `;((api, key, wanted) => {
  // Chromium gives stored objects back with their keys sorted: compare in one key order.
  const canonical = (v) => JSON.stringify(v, (_, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));
  void api.storage.local.get(key).then((got) => {
    if (canonical(got[key]) !== canonical(wanted)) return api.storage.local.set({ [key]: wanted });
  }).catch(() => {});
})(globalThis.browser ?? globalThis.chrome, ${JSON.stringify(SETTINGS_KEY)}, ${JSON.stringify(settings)});
`;
}

/** A copy of the Onlooker build that runs with `settings`. */
export function buildWithSettings(built: string, dir: string, settings: Settings): string {
  return copyWithPrelude(built, dir, settingsPrelude(settings));
}

/** What an "empty listeners" copy of Onlooker keeps of its subscriptions (diagnostic rows drop parts). */
export interface EmptiedOptions {
  /** Events not registered at all, e.g. `webRequest.onHeadersReceived`. */
  dropEvents?: string[];
  /** Extra-info options removed from every addListener call, e.g. `extraHeaders`. */
  dropOptions?: string[];
  /** Remove the manifest's content scripts. */
  noContentScripts?: boolean;
}

/** Where the shim keeps what an addListener call threw, for the bench's error message. */
export const SHIM_ERRORS = '__benchShimErrors';

/**
 * Runs first in the worker of an "empty listeners" copy: every listener the extension registers is
 * swapped for an empty one with the same filters and options. The browser still sends every message
 * Onlooker subscribes to, and the content script still runs, but nothing is recorded, assessed or
 * stored: the difference to the Onlooker row is the cost of Onlooker's own work.
 * The call keeps the caller's argument count: Chromium refuses `addListener(cb, undefined)` on
 * events without filters ("This event does not support filters"), which stopped the background
 * before it registered anything.
 */
export function emptyListenersShim(o: EmptiedOptions): string {
  return `;((dropEvents, dropOptions) => {
  const noop = () => {};
  const errors = (globalThis.${SHIM_ERRORS} = globalThis.${SHIM_ERRORS} || []);
  const namespaces = ['webRequest', 'webNavigation', 'tabs', 'runtime', 'storage', 'action', 'windows', 'alarms', 'permissions'];
  for (const root of [globalThis.chrome, globalThis.browser]) {
    if (!root) continue;
    for (const ns of namespaces) {
      const api = root[ns];
      if (!api) continue;
      for (const key in api) {
        const ev = key.startsWith('on') ? api[key] : undefined;
        if (!ev || typeof ev.addListener !== 'function' || ev.__benchEmptied) continue;
        const add = ev.addListener.bind(ev);
        const dropped = dropEvents.includes(ns + '.' + key);
        ev.addListener = (_cb, ...args) => {
          if (dropped) return;
          if (Array.isArray(args[1])) args[1] = args[1].filter((x) => !dropOptions.includes(x));
          try {
            return add(noop, ...args);
          } catch (err) {
            errors.push(ns + '.' + key + ': ' + err);
            throw err;
          }
        };
        ev.__benchEmptied = true;
      }
    }
  }
})(${JSON.stringify(o.dropEvents ?? [])}, ${JSON.stringify(o.dropOptions ?? [])});
`;
}

export function buildEmptiedCopy(built: string, dir: string, o: EmptiedOptions = {}): string {
  return copyWithPrelude(built, dir, emptyListenersShim(o), o.noContentScripts ? (m) => delete m.content_scripts : undefined);
}
