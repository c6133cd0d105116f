// localStorage can be missing or throw (disabled cookies, some private modes); preferences are then simply not remembered.

const prefix = 'sessiondesk.';

export function readPreference(key: string): string | null {
  try {
    return window.localStorage.getItem(prefix + key);
  } catch {
    return null;
  }
}

export function writePreference(key: string, value: string): void {
  try {
    window.localStorage.setItem(prefix + key, value);
  } catch {
    // Not remembering a preference is harmless.
  }
}
