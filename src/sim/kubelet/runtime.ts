/** The kubelet's view of what the container runtime is doing for each pod (fake CRI state). */
import type { ContainerLog } from './process/containerLog.ts';
import type { ContainerProcess } from './process/containerProcess.ts';
import type { ProbeKind, ProbeState } from './prober.ts';

/**
 * waiting: needs its image (or is held back by an image-pull back-off);
 * pulling: the image is being pulled; creating: config and the container are being prepared;
 * starting: created, about to start; running; exited: terminated, restart not yet decided;
 * backoff: terminated and waiting out CrashLoopBackOff.
 */
export type ContainerPhase =
  'waiting' | 'pulling' | 'creating' | 'starting' | 'running' | 'exited' | 'backoff';

export interface TerminatedState {
  readonly exitCode: number;
  readonly reason: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly containerId: string;
  readonly signal?: number;
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
  /** Set when the pull under way will fail, with containerd's error. */
  pullFailure?: string;
  /** Until when ErrImagePull shows before the back-off state takes over. */
  holdUntil?: number;
  startedAt?: number;
  terminated?: TerminatedState;
  lastTerminated?: TerminatedState;
  restartCount: number;
  containerId?: string;
  ready: boolean;
  /** The startup probe passed (or there is none). */
  started: boolean;
  process?: ContainerProcess;
  log?: ContainerLog;
  previousLog?: ContainerLog;
  /** When the kubelet decides on a restart (the next PLEG relist after the exit). */
  decideAt?: number;
  restartAt?: number;
  probes: Partial<Record<ProbeKind, ProbeState>>;
  /** A kill the kubelet started (failed liveness/startup probe, pod deletion). */
  kill?: { sigtermAt: number; exitAt: number; deadline: number; signalled: boolean };
  /** Retry time for CreateContainerConfigError. */
  configRetryAt?: number;
}

export interface PodRuntime {
  readonly uid: string;
  readonly startTime: number;
  sandboxReadyAt: number;
  ip?: string;
  readonly containers: ContainerRuntime[];
  /** Set once deletion began. */
  killing?: boolean;
  /** The grace period the kill runs under (a later, shorter one pulls deadlines in). */
  killGraceMs?: number;
  /** FailedMount retry state. */
  mountRetryMs?: number;
  mountRetryAt?: number;
  /** Files shared by the pod's containers (emptyDir-like scratch space is per container here). */
  files?: Map<string, string>;
}
