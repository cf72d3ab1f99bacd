/** React bindings: one store per playground, provided through context (zustand's "init with props"). */
import { createContext, createElement, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { PlaygroundState, PlaygroundStore } from './createPlaygroundStore.ts';

const PlaygroundContext = createContext<PlaygroundStore | undefined>(undefined);

export function PlaygroundProvider(props: {
  readonly store: PlaygroundStore;
  readonly children: ReactNode;
}): ReactNode {
  return createElement(PlaygroundContext.Provider, { value: props.store }, props.children);
}

export function usePlaygroundStore(): PlaygroundStore {
  const store = useContext(PlaygroundContext);
  if (!store) throw new Error('usePlayground must be used inside <PlaygroundProvider>');
  return store;
}

/** Subscribes to a slice of the state. Pass a module-level selector, never `s => s`. */
export function usePlayground<T>(selector: (state: PlaygroundState) => T): T {
  return useStore(usePlaygroundStore(), selector);
}

export function useActions(): PlaygroundState['actions'] {
  return usePlayground(selectActions);
}

function selectActions(state: PlaygroundState): PlaygroundState['actions'] {
  return state.actions;
}
