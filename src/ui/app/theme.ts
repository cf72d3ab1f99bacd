/**
 * Light and dark themes: follow the system until the learner picks one, then remember the choice
 * (`kubeplay:theme`). The theme is a `data-theme` attribute on <html>; CSS variables do the rest.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { loadJson, saveJson } from '../../store/index.ts';

export type Theme = 'light' | 'dark';
const KEY = 'theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function chosen(): Theme | undefined {
  const stored = loadJson(KEY);
  return stored === 'light' || stored === 'dark' ? stored : undefined;
}

function systemTheme(): Theme {
  return window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

function apply(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

const listeners = new Set<() => void>();

/** Sets the initial theme before the first paint and follows the system while nothing is chosen. */
export function initTheme(): void {
  apply(chosen() ?? systemTheme());
  window.matchMedia(DARK_QUERY).addEventListener('change', () => {
    if (chosen() === undefined) {
      apply(systemTheme());
      for (const l of listeners) l();
    }
  });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function current(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

export function useTheme(): [Theme, () => void] {
  const theme = useSyncExternalStore(subscribe, current, (): Theme => 'light');
  const toggle = useCallback(() => {
    const next: Theme = current() === 'dark' ? 'light' : 'dark';
    saveJson(KEY, next);
    apply(next);
    for (const l of listeners) l();
  }, []);
  return [theme, toggle];
}
