/**
 * Small, failure-proof localStorage helpers. Every key is prefixed `kubeplay:`. Storage may be
 * missing (Node, private windows) or full: reads fall back, writes are best effort.
 */
const PREFIX = 'kubeplay:';

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export function loadJson(key: string): unknown {
  const text = storage()?.getItem(PREFIX + key);
  if (text === undefined || text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function saveJson(key: string, value: unknown): void {
  try {
    storage()?.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Quota exceeded or storage disabled: the session still works, it just is not remembered.
  }
}
