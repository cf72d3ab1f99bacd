/**
 * The append-only record of every accepted write: who, what and when (virtual time). Time travel,
 * replays and "what just happened?" are built on it.
 */
import type { KubeObject } from './types/index.ts';

export type WriteVerb = 'create' | 'update' | 'delete';

export interface ChangeLogEntry {
  readonly seq: number;
  readonly timeMs: number;
  /** The client that wrote: `kubectl`, `deployment-controller`, `kubelet/node-1`, … */
  readonly actor: string;
  readonly verb: WriteVerb;
  /** `update` of the status subresource is recorded as such. */
  readonly subresource?: 'status' | 'binding';
  readonly resource: string;
  readonly namespace: string;
  readonly name: string;
  readonly resourceVersion: string;
  /** The object after the write; for deletes, the last state before removal. Frozen. */
  readonly object: KubeObject;
  readonly previous?: KubeObject;
}

export class ChangeLog {
  private readonly entries: ChangeLogEntry[] = [];
  private readonly listeners = new Set<(entry: ChangeLogEntry) => void>();

  append(entry: Omit<ChangeLogEntry, 'seq'>): ChangeLogEntry {
    const full: ChangeLogEntry = { ...entry, seq: this.entries.length + 1 };
    this.entries.push(full);
    for (const listener of this.listeners) listener(full);
    return full;
  }

  get length(): number {
    return this.entries.length;
  }

  /** Entries with seq > `afterSeq`, oldest first. */
  since(afterSeq: number): readonly ChangeLogEntry[] {
    return this.entries.slice(afterSeq);
  }

  all(): readonly ChangeLogEntry[] {
    return this.entries;
  }

  subscribe(listener: (entry: ChangeLogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
