/**
 * The contract every active component follows (controllers, the scheduler, kubelets): watch
 * handlers only enqueue keys; `sync(key)` reads current state and writes through the API.
 */
import type { ApiServer } from '../api/apiServer.ts';
import type { VirtualClock } from '../clock/virtualClock.ts';
import type { SeededRandom } from '../random/seededRandom.ts';
import type { EventRecorder, EventSource } from './eventRecorder.ts';
import type { WorkQueue } from './workqueue.ts';
import type { ClusterServices } from './clusterServices.ts';

/** What the cluster drains: anything with a length and a way to take the next key. */
export interface KeyQueue {
  readonly length: number;
  pop(): string | undefined;
}

export interface Reconciler {
  readonly name: string;
  readonly queue: KeyQueue;
  sync(key: string): void;
}

/** What the cluster hands each component: the API, time, its own random stream and an event recorder. */
export interface ComponentContext {
  readonly api: ApiServer;
  readonly clock: VirtualClock;
  random(streamName: string): SeededRandom;
  recorder(source: EventSource): EventRecorder;
  newQueue(): WorkQueue;
  /** Late-bound cross-component services (network, kubelet summaries); see clusterServices.ts. */
  readonly services: ClusterServices;
}
