/**
 * Hosts the current playground store and its sim driver. A lesson can start on a fresh cluster:
 * `swap(cluster)` wraps it in a new store, and the app below remounts on it (a new cluster is a
 * new world: terminal, editor and map start afresh). Lesson state lives outside, and survives.
 */
import { createContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Cluster } from '../../sim/index.ts';
import {
  browserHost,
  createPlaygroundStore,
  createSimDriver,
  PlaygroundProvider,
  type PlaygroundStore,
} from '../../store/index.ts';

export interface PlaygroundHostApi {
  /** The playground store in use now. */
  current(): PlaygroundStore;
  /** Replaces the playground with one around `cluster` (a lesson's fresh cluster). */
  swap(cluster: Cluster): PlaygroundStore;
}

export const PlaygroundHostContext = createContext<PlaygroundHostApi | undefined>(undefined);

export function PlaygroundHost(props: {
  readonly initial: PlaygroundStore;
  readonly persistFiles: boolean;
  /** Told whenever the store changes (the e2e test API follows it). */
  readonly onStore?: (store: PlaygroundStore) => void;
  readonly children: ReactNode;
}): ReactNode {
  const [store, setStore] = useState(props.initial);
  const [generation, setGeneration] = useState(0);
  const currentRef = useRef(props.initial);
  const { onStore, persistFiles } = props;

  useEffect(() => {
    const driver = createSimDriver(store, browserHost());
    driver.start();
    onStore?.(store);
    return () => {
      driver.stop();
    };
  }, [store, onStore]);

  const api = useMemo<PlaygroundHostApi>(
    () => ({
      current: () => currentRef.current,
      swap(cluster) {
        const previous = currentRef.current.getState();
        const next = createPlaygroundStore({
          cluster,
          seed: cluster.seed,
          persistFiles,
          playing: previous.playing,
        });
        next.getState().actions.setSpeed(previous.speed);
        currentRef.current = next;
        setStore(next);
        setGeneration((g) => g + 1);
        return next;
      },
    }),
    [persistFiles],
  );

  return (
    <PlaygroundHostContext.Provider value={api}>
      <PlaygroundProvider store={store}>
        <div className="playground-generation" key={generation}>
          {props.children}
        </div>
      </PlaygroundProvider>
    </PlaygroundHostContext.Provider>
  );
}
