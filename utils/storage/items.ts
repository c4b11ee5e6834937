import type { Posture } from '../assess/posture';
import type { Capabilities } from '../capabilities';
import type { PageView } from '../page-view';
import { validateCapabilities } from './capabilities';
import { validatePosture } from './posture';
import { validatePageView } from './view';

// The storage contract: every key the extension stores, in which area, at which schema version, with
// its default and the one validator that both the background and the popup read it through. A value
// that fails its validator is dropped (and rebuilt by whoever owns it), never half-trusted.
//
// storage.session: per-tab facts (memory-only in both browsers, so private-window facts never reach
// disk). storage.local: settings and per-site memory only. A new item is one entry in STORAGE_ITEMS.

export type AreaName = 'session' | 'local';

/** The part of browser.storage.{session,local} the extension uses (typed, so tests can fake it). */
export interface StorageAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

interface ItemBase<T> {
  area: AreaName;
  /**
   * The shape's version. Bump it with the shape: the validator accepts only the current version, so a
   * record written by an older build is dropped and rebuilt rather than misread.
   */
  version: number;
  /** What the value means, for docs/architecture.md and reviewers. */
  holds: string;
  /** The value as this version's type, or undefined when any part of it is off. Never throws. */
  validate(v: unknown, key: string): T | undefined;
}

/** One key holding one value (capabilities, settings...). */
export interface SingleItem<T> extends ItemBase<T> {
  kind: 'single';
  key: string;
  /** What a reader uses while nothing (valid) is stored. */
  fallback: () => T;
}

/** One key per tab, `<prefix><tabId>`; removed when the tab closes. */
export interface TabItem<T> extends ItemBase<T> {
  kind: 'per-tab';
  prefix: string;
}

export type StorageItem = SingleItem<unknown> | TabItem<unknown>;

const tabIdOf = (key: string, prefix: string) => Number(key.slice(prefix.length));

export const tabView: TabItem<PageView> = {
  kind: 'per-tab',
  area: 'session',
  prefix: 'tab:',
  version: 1,
  holds: "the tab's page view: the facts the background recorded (PageView, schema 1)",
  validate: (v, key) => validatePageView(v, tabIdOf(key, 'tab:')),
};

export const tabPosture: TabItem<Posture> = {
  kind: 'per-tab',
  area: 'session',
  prefix: 'posture:',
  version: 1,
  holds: "the background's assessment of the tab's view, written in the same set() call as the view",
  validate: (v) => validatePosture(v),
};

export const capabilities: SingleItem<Capabilities | undefined> = {
  kind: 'single',
  area: 'session',
  key: 'capabilities',
  version: 1,
  holds: 'what this browser can tell (security info source), decided by the background',
  // Undefined: the reader falls back to what its build expects (see capabilitiesFrom).
  fallback: () => undefined,
  validate: (v) => validateCapabilities(v),
};

/** Every stored item. Adding one: define it (a SingleItem or TabItem) in its own module and list it here. */
export const STORAGE_ITEMS: readonly StorageItem[] = [tabView, tabPosture, capabilities];

export const tabKey = (tabId: number) => `${tabView.prefix}${tabId}`;
export const postureKey = (tabId: number) => `${tabPosture.prefix}${tabId}`;
export const CAPABILITIES_KEY = capabilities.key;

/** The item that owns a key, if any: a key no item owns is not ours to read or write. */
export function itemFor(key: string, area: AreaName): StorageItem | undefined {
  return STORAGE_ITEMS.find((i) => i.area === area && (i.kind === 'single' ? i.key === key : key.startsWith(i.prefix) && /^\d+$/.test(key.slice(i.prefix.length))));
}

/** A stored value read through its item's validator (undefined when it fails). */
export function readValid<T>(item: SingleItem<T> | TabItem<T>, key: string, stored: unknown): T | undefined {
  return stored === undefined ? undefined : item.validate(stored, key);
}

/**
 * Read a single item: its valid value, or its fallback. An invalid value is removed, so that the next
 * writer rebuilds it from scratch.
 */
export async function readItem<T>(area: StorageAreaLike, item: SingleItem<T>): Promise<T> {
  let stored: unknown;
  try {
    stored = (await area.get(item.key))[item.key];
  } catch {
    return item.fallback();
  }
  const valid = readValid(item, item.key, stored);
  if (valid !== undefined) return valid;
  if (stored !== undefined) await area.remove(item.key).catch(() => undefined);
  return item.fallback();
}
