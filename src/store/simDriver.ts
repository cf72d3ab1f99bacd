/**
 * The only code that turns wall-clock frames into sim time: each animation frame advances the
 * cluster by speed × elapsed. Work is chunked so no frame's sim work exceeds its budget (a slow
 * frame carries the rest over, capped so a stalled tab never replays minutes of backlog). It
 * pauses while the tab is hidden. In Node there is no driver: tests call `advanceBy`.
 */
import type { PlaygroundStore } from './createPlaygroundStore.ts';

export interface DriverHost {
  requestFrame(callback: (timeMs: number) => void): number;
  cancelFrame(handle: number): void;
  /** A monotonic wall clock in ms. */
  now(): number;
  isHidden(): boolean;
  onVisibilityChange(listener: () => void): () => void;
}

export interface SimDriverOptions {
  /** Wall time the sim may use per frame (ms); the rest of the frame is for rendering. */
  readonly budgetMs?: number;
  /** Largest virtual-time slice advanced in one call (ms). */
  readonly sliceMs?: number;
  /** Backlog beyond this (virtual ms) is dropped, so the sim never spirals. */
  readonly maxBacklogMs?: number;
}

export interface SimDriver {
  start(): void;
  stop(): void;
}

export function browserHost(): DriverHost {
  return {
    requestFrame: (cb) => requestAnimationFrame(cb),
    cancelFrame: (h) => {
      cancelAnimationFrame(h);
    },
    now: () => performance.now(),
    isHidden: () => document.visibilityState === 'hidden',
    onVisibilityChange(listener) {
      document.addEventListener('visibilitychange', listener);
      return () => {
        document.removeEventListener('visibilitychange', listener);
      };
    },
  };
}

export function createSimDriver(
  store: PlaygroundStore,
  host: DriverHost,
  options: SimDriverOptions = {},
): SimDriver {
  const budgetMs = options.budgetMs ?? 8;
  const sliceMs = options.sliceMs ?? 250;
  const maxBacklogMs = options.maxBacklogMs ?? 10_000;
  let handle: number | undefined;
  let lastFrame: number | undefined;
  let backlog = 0;
  let unsubscribeVisibility: (() => void) | undefined;

  const frame = (time: number): void => {
    handle = undefined;
    const state = store.getState();
    if (lastFrame !== undefined && state.playing) {
      // Frames are at most 100 ms apart in sim terms: a long gap (debugger, sleep) is not replayed.
      const elapsed = Math.min(time - lastFrame, 100);
      backlog = Math.min(backlog + elapsed * state.speed, maxBacklogMs);
      const started = host.now();
      let advanced = 0;
      while (backlog >= 1 && host.now() - started < budgetMs) {
        const slice = Math.min(backlog, sliceMs);
        store.sim.advance(Math.floor(slice));
        advanced += Math.floor(slice);
        backlog -= Math.floor(slice);
      }
      if (advanced > 0) state.actions.sync();
    } else {
      backlog = 0;
    }
    lastFrame = time;
    schedule();
  };

  const schedule = (): void => {
    if (handle === undefined && !host.isHidden()) handle = host.requestFrame(frame);
  };

  return {
    start() {
      unsubscribeVisibility ??= host.onVisibilityChange(() => {
        lastFrame = undefined;
        if (host.isHidden()) {
          if (handle !== undefined) host.cancelFrame(handle);
          handle = undefined;
        } else schedule();
      });
      schedule();
    },
    stop() {
      if (handle !== undefined) host.cancelFrame(handle);
      handle = undefined;
      lastFrame = undefined;
      unsubscribeVisibility?.();
      unsubscribeVisibility = undefined;
    },
  };
}
