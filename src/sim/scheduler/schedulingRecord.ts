/**
 * What each scheduling attempt decided and why, kept outside the API objects (kube-scheduler-
 * simulator hit the 256 KiB annotation limit storing this on pods): for every node, the filter that
 * rejected it, or its per-plugin scores.
 */
export interface PluginScore {
  readonly plugin: string;
  readonly raw: number;
  readonly normalized: number;
  readonly weight: number;
  readonly weighted: number;
}

export interface NodeVerdict {
  readonly node: string;
  /** The first filter that failed on this node, with its reasons; absent when the node fit. */
  readonly rejectedBy?: {
    readonly plugin: string;
    readonly reasons: readonly string[];
    readonly code: string;
  };
  readonly scores?: readonly PluginScore[];
  readonly total?: number;
}

export interface SchedulingAttempt {
  readonly podKey: string;
  readonly podUid: string;
  readonly attempt: number;
  readonly timeMs: number;
  readonly nodes: readonly NodeVerdict[];
  readonly chosenNode?: string;
  /** The FailedScheduling message when no node fit, or the PreFilter rejection. */
  readonly message?: string;
}

const PER_POD_HISTORY = 5;

export class SchedulingRecords {
  private readonly byPod = new Map<string, SchedulingAttempt[]>();

  add(attempt: SchedulingAttempt): void {
    const list = this.byPod.get(attempt.podUid) ?? [];
    list.push(attempt);
    if (list.length > PER_POD_HISTORY) list.shift();
    this.byPod.set(attempt.podUid, list);
  }

  forPod(uid: string): readonly SchedulingAttempt[] {
    return this.byPod.get(uid) ?? [];
  }

  latest(uid: string): SchedulingAttempt | undefined {
    const list = this.byPod.get(uid);
    return list?.[list.length - 1];
  }

  forget(uid: string): void {
    this.byPod.delete(uid);
  }
}
