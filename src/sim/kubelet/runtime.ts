/** The kubelet's view of what the container runtime is doing for each pod (fake CRI state). */
export type ContainerPhase = 'waiting' | 'pulling' | 'running' | 'exited';

export interface TerminatedState {
  readonly exitCode: number;
  readonly reason: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly containerId: string;
}

export interface ContainerRuntime {
  readonly name: string;
  readonly image: string;
  readonly init: boolean;
  phase: ContainerPhase;
  /** Why a waiting container waits (ContainerCreating, PodInitializing, ErrImagePull, …). */
  waitingReason: string;
  waitingMessage?: string;
  pullStartedAt?: number;
  /** When this pull got its turn (pulls are serialized per node). */
  pullTransferStartedAt?: number;
  pullDoneAt?: number;
  startedAt?: number;
  terminated?: TerminatedState;
  lastTerminated?: TerminatedState;
  restartCount: number;
  containerId?: string;
  ready: boolean;
}

export interface PodRuntime {
  readonly uid: string;
  readonly startTime: number;
  sandboxReadyAt: number;
  ip?: string;
  readonly containers: ContainerRuntime[];
  /** Set once deletion began: when the containers will have stopped. */
  killDeadline?: number;
}
