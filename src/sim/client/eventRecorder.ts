/**
 * Records Kubernetes Events as client-go's EventRecorder does: identical events (same object,
 * reason, message, type and source) are merged by bumping `count` and `lastTimestamp`.
 */
import type { ApiServer } from '../api/apiServer.ts';
import { formatRfc3339 } from '../clock/timeFormat.ts';
import type { Event, KubeObject } from '../api/types/index.ts';

export interface EventSource {
  readonly component: string;
  readonly host?: string;
}

export type EventType = 'Normal' | 'Warning';

export class EventRecorder {
  /** Aggregation key → event name (the "event correlator" cache). */
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly api: ApiServer,
    private readonly source: EventSource,
  ) {}

  event(
    obj: KubeObject,
    type: EventType,
    reason: string,
    message: string,
    fieldPath?: string,
  ): void {
    const namespace = obj.metadata.namespace ?? 'default';
    const involved = {
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      uid: obj.metadata.uid,
      apiVersion: obj.apiVersion,
      resourceVersion: obj.metadata.resourceVersion,
      ...(fieldPath ? { fieldPath } : {}),
    };
    const key = [
      this.source.component,
      this.source.host ?? '',
      involved.kind,
      namespace,
      involved.name,
      involved.uid,
      fieldPath ?? '',
      type,
      reason,
      message,
    ].join('\u0000');
    const now = this.api.now();
    const existingName = this.seen.get(key);
    const existing = existingName ? this.api.get('events', namespace, existingName) : undefined;
    if (existing) {
      this.api.mutate<KubeObject & Event>(
        'events',
        namespace,
        existingName ?? '',
        (draft) => {
          draft.count = (draft.count ?? 1) + 1;
          draft.lastTimestamp = formatRfc3339(now);
        },
        { actor: this.source.component },
      );
      return;
    }
    // Event names are `<object>.<time in nanoseconds, hex>` (client-go makeEvent); the store's
    // revision fills the sub-millisecond digits so names stay unique within one virtual instant.
    const nanos = BigInt(now) * 1_000_000n + BigInt(this.api.revision % 1_000_000);
    const name = `${involved.name ?? 'unknown'}.${nanos.toString(16)}`;
    const event: KubeObject & Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: involved,
      reason,
      message,
      type,
      source: {
        component: this.source.component,
        ...(this.source.host ? { host: this.source.host } : {}),
      },
      firstTimestamp: formatRfc3339(now),
      lastTimestamp: formatRfc3339(now),
      count: 1,
      eventTime: null as unknown as string,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    };
    try {
      this.api.create(event, { actor: this.source.component });
      this.seen.set(key, name);
    } catch {
      // Events are best effort, as in client-go: a namespace being deleted may refuse them.
    }
  }
}
