import { parseSettings, SETTINGS_KEY, type Settings } from './storage/settings';

// Reading, writing and watching the settings in storage.local. Every value read passes through
// parseSettings, so a damaged stored value reads as the defaults for what is damaged.

export interface SettingsArea {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export type StorageChanges = Record<string, { newValue?: unknown; oldValue?: unknown }>;
export type StorageListener = (changes: StorageChanges, areaName: string) => void;

export interface StorageChangeEvent {
  addListener(cb: StorageListener): void;
  removeListener(cb: StorageListener): void;
}

export async function readSettings(area: SettingsArea | undefined): Promise<Settings> {
  try {
    return parseSettings((await area?.get(SETTINGS_KEY))?.[SETTINGS_KEY]);
  } catch {
    return parseSettings(undefined);
  }
}

/** Reads, edits and writes back; the value written is validated like any value read. */
export async function updateSettings(area: SettingsArea, edit: (s: Settings) => Settings): Promise<Settings> {
  const next = parseSettings(edit(await readSettings(area)));
  await area.set({ [SETTINGS_KEY]: next });
  return next;
}

/** Calls `cb` with the new settings whenever storage.local's `settings` changes; returns the unsubscribe. */
export function watchSettings(events: StorageChangeEvent, cb: (s: Settings) => void): () => void {
  const listener: StorageListener = (changes, areaName) => {
    if (areaName === 'local' && Object.prototype.hasOwnProperty.call(changes, SETTINGS_KEY)) cb(parseSettings(changes[SETTINGS_KEY]?.newValue));
  };
  events.addListener(listener);
  return () => events.removeListener(listener);
}
