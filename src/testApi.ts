/**
 * The narrow, typed window API Playwright drives (tldraw's EndToEndApi). Installed only when the
 * page URL has `?e2e`: e2e runs against a production build, so a build mode cannot gate it.
 */
import { selectNodeViews, selectPodViews, type PlaygroundStore } from './store/index.ts';

export interface TestPod {
  readonly name: string;
  readonly namespace: string;
  readonly status: string;
  readonly nodeName: string | undefined;
}

export interface TestNode {
  readonly name: string;
  readonly status: string;
}

export interface TestSnapshot {
  readonly simTimeMs: number;
  readonly pods: readonly TestPod[];
  readonly nodes: readonly TestNode[];
}

export interface KubeplayTestApi {
  /** Runs a terminal line through the engine (echoed in the terminal like any command). */
  run(line: string, stdin?: string): { exitCode: number; stdout: string; stderr: string };
  /** Moves virtual time forward by `ms`. */
  advance(ms: number): void;
  pause(): void;
  play(): void;
  snapshot(): TestSnapshot;
}

declare global {
  interface Window {
    __kubeplay?: KubeplayTestApi;
  }
}

export function wantsTestApi(search: string): boolean {
  return new URLSearchParams(search).has('e2e');
}

/** `store()` is the playground in use now (a lesson may swap in a fresh one). */
export function installTestApi(current: () => PlaygroundStore): void {
  const store = { getState: () => current().getState() };
  window.__kubeplay = {
    run(line, stdin) {
      const entry = store.getState().actions.runCommand(line, stdin, 'test');
      return { exitCode: entry.exitCode, stdout: entry.stdout, stderr: entry.stderr };
    },
    advance(ms) {
      store.getState().actions.advanceBy(ms);
    },
    pause() {
      store.getState().actions.pause();
    },
    play() {
      store.getState().actions.play();
    },
    snapshot() {
      const cluster = store.getState().cluster;
      return {
        simTimeMs: cluster.simTimeMs,
        pods: selectPodViews(cluster).map((p) => ({
          name: p.name,
          namespace: p.namespace,
          status: p.status,
          nodeName: p.nodeName,
        })),
        nodes: selectNodeViews(cluster).map((n) => ({ name: n.name, status: n.status })),
      };
    },
  };
}
