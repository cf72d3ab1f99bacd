/**
 * Rebuilds the cluster's state at past instants from the API server's change log, so checks can
 * ask about history ("never fewer than 2 ready pods during the step"). Writes made at the same
 * virtual instant are applied together: a state that existed for zero virtual time (between two
 * writes of one reconcile) is not a state anyone could observe.
 */
import type { ChangeLogEntry, KubeObject } from '../sim/index.ts';
import type { StateView } from './conditions.ts';

class ReplayState implements StateView {
  private readonly objects = new Map<string, Map<string, KubeObject>>();

  apply(entry: ChangeLogEntry): void {
    let byKey = this.objects.get(entry.resource);
    if (!byKey) {
      byKey = new Map<string, KubeObject>();
      this.objects.set(entry.resource, byKey);
    }
    const key = `${entry.namespace}/${entry.name}`;
    if (entry.verb === 'delete') byKey.delete(key);
    else byKey.set(key, entry.object);
  }

  get(resource: string, namespace: string, name: string): KubeObject | undefined {
    return this.objects.get(resource)?.get(`${namespace}/${name}`);
  }

  list(resource: string, namespace?: string): readonly KubeObject[] {
    const all = [...(this.objects.get(resource)?.values() ?? [])];
    return namespace === undefined
      ? all
      : all.filter((o) => (o.metadata.namespace ?? '') === namespace);
  }
}

export interface Instant {
  /** Virtual time of the writes that produced this state. */
  readonly timeMs: number;
  /** The last change-log sequence number included. */
  readonly seq: number;
  readonly view: StateView;
}

/**
 * Visits the state after each instant with writes, from the first instant after `fromSeq` on. The
 * first visit is the state as it was at `fromSeq` (time `fromTimeMs`). Only `resources` are rebuilt.
 * The visitor returns false to stop early.
 */
export function replay(
  entries: readonly ChangeLogEntry[],
  resources: readonly string[],
  fromSeq: number,
  fromTimeMs: number,
  visit: (instant: Instant) => boolean,
): void {
  const state = new ReplayState();
  const wanted = new Set(resources);
  let i = 0;
  for (; i < entries.length && (entries[i]?.seq ?? 0) <= fromSeq; i++) {
    const entry = entries[i];
    if (entry && wanted.has(entry.resource)) state.apply(entry);
  }
  if (!visit({ timeMs: fromTimeMs, seq: fromSeq, view: state })) return;
  while (i < entries.length) {
    const timeMs = entries[i]?.timeMs ?? 0;
    let changed = false;
    let seq = fromSeq;
    for (; i < entries.length && entries[i]?.timeMs === timeMs; i++) {
      const entry = entries[i];
      if (!entry) continue;
      seq = entry.seq;
      if (wanted.has(entry.resource)) {
        state.apply(entry);
        changed = true;
      }
    }
    if (changed && !visit({ timeMs, seq, view: state })) return;
  }
}
