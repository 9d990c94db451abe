/**
 * Where the in-memory workbook keeps its "document settings" (the saved model): a small
 * synchronous string store. The preview page backs it with localStorage, so reloading the
 * page restores the model as reopening a workbook does in Excel; tests use a Map.
 */

/** A string key/value store: what MemoryWorkbook's loadSetting/saveSetting read and write. */
export interface SettingsStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

/** A store in a Map (tests; or a page that should forget everything on reload). */
export function mapSettingsStore(map: Map<string, string> = new Map()): SettingsStore {
  return {
    get: (key) => map.get(key) ?? null,
    set: (key, value) => {
      map.set(key, value);
    },
  };
}

/** The prefix of the preview page's localStorage keys. */
export const PREVIEW_STORAGE_PREFIX = "cv-preview:";

/**
 * A store in the browser's localStorage (or any Storage), each key prefixed so the preview
 * never touches other keys of the origin.
 *
 * @example localStorageSettingsStore(window.localStorage).set("model", json) // key "cv-preview:model"
 */
export function localStorageSettingsStore(storage: Storage, prefix: string = PREVIEW_STORAGE_PREFIX): SettingsStore {
  return {
    get: (key) => storage.getItem(prefix + key),
    set: (key, value) => storage.setItem(prefix + key, value),
  };
}

/** Removes every key with the prefix from a Storage (the preview page's "reset" button). */
export function clearPrefixedKeys(storage: Storage, prefix: string = PREVIEW_STORAGE_PREFIX): number {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key !== null && key.startsWith(prefix)) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
  return keys.length;
}
