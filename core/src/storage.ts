import type { SettingsStorage } from './settings';

/** A SettingsStorage in memory (no localStorage: Node, sandboxed frames). */
export function memoryStorage(): SettingsStorage {
  const map = new Map<string, string>();
  return { getItem: (key) => map.get(key) ?? null, setItem: (key, value) => void map.set(key, value) };
}

/** localStorage when reachable, else memory. */
export function defaultStorage(): SettingsStorage {
  try {
    if (typeof localStorage !== 'undefined') return localStorage;
  } catch {
    // access denied (sandboxed iframe)
  }
  return memoryStorage();
}
