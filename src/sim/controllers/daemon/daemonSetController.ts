/**
 * The DaemonSet controller: one pod per eligible node, placed by the default scheduler through a
 * required node affinity on metadata.name. Mirrors pkg/controller/daemon/daemon_controller.go.
 */
import type { ApiServer } from '../../api/apiServer.ts';
import { nodeMatchesRequiredAffinity } from '../../api/helpers/nodeAffinity.ts';
import { findUntoleratedTaint } from '../../api/helpers/taints.ts';
import type { DaemonSet, KubeObject, Node, Pod, Toleration } from '../../api/types/index.ts';
import { parseRfc3339 } from '../../clock/timeFormat.ts';
import type { EventRecorder } from '../../client/eventRecorder.ts';
import { byOwnerUid, Indexer, keyOf, splitKey } from '../../client/indexer.ts';
import type { ComponentContext, Reconciler } from '../../client/reconciler.ts';
import type { WorkQueue } from '../../client/workqueue.ts';
import { deepClone, deepEqual } from '../../util/objects.ts';
import { computePodTemplateHash } from '../deployment/deploymentUtil.ts';
import {
  controllerOf,
  controllerRef,
  isPodActive,
  isPodAvailable,
  isPodReady,
} from '../controllerUtils.ts';

const ACTOR = 'daemonset-controller';

/** Tolerations every DaemonSet pod gets (pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations). */
const DAEMON_TOLERATIONS: readonly Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

type DaemonSetObject = KubeObject & DaemonSet;

export class DaemonSetController implements Reconciler {
  readonly name = ACTOR;
  readonly queue: WorkQueue;
  private readonly api: ApiServer;
  private readonly podsByOwner: Indexer;
  private readonly recorder: EventRecorder;

  constructor(ctx: ComponentContext) {
    this.api = ctx.api;
    this.queue = ctx.newQueue();
    this.recorder = ctx.recorder({ component: ACTOR });
    this.podsByOwner = new Indexer(ctx.api, 'pods', byOwnerUid);
    ctx.api.watch('daemonsets.apps', (event) => {
      this.queue.add(keyOf(event.object));
    });
    ctx.api.watch('pods', (event) => {
      const owner = controllerOf(event.object);
      if (owner?.kind === 'DaemonSet')
        this.queue.add(`${event.object.metadata.namespace ?? ''}/${owner.name}`);
    });
    ctx.api.watch('nodes', () => {
      for (const ds of this.api.iterate('daemonsets.apps')) this.queue.add(keyOf(ds));
    });
  }

  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const ds = this.api.get('daemonsets.apps', namespace, name) as DaemonSetObject | undefined;
    if (!ds || ds.metadata.deletionTimestamp) return;
    const pods = (this.podsByOwner.byIndex(ds.metadata.uid ?? '') as (KubeObject & Pod)[]).filter(
      (p) => controllerOf(p)?.uid === ds.metadata.uid,
    );
    const byNode = new Map<string, (KubeObject & Pod)[]>();
    for (const pod of pods) {
      if (!isPodActive(pod)) continue;
      const node = targetNodeOf(pod);
      byNode.set(node, [...(byNode.get(node) ?? []), pod]);
    }
    const nodes = this.api.list('nodes') as (KubeObject & Node)[];
    const eligible = nodes.filter((node) => this.shouldRun(ds, node));
    const eligibleNames = new Set(eligible.map((n) => n.metadata.name ?? ''));
    for (const node of eligible) {
      const existing = byNode.get(node.metadata.name ?? '') ?? [];
      if (existing.length === 0) this.createPod(ds, node.metadata.name ?? '');
      for (const extra of existing.slice(1)) this.deletePod(ds, extra);
    }
    for (const [nodeName, nodePods] of byNode) {
      if (!eligibleNames.has(nodeName)) for (const pod of nodePods) this.deletePod(ds, pod);
    }
    this.rollingUpdate(ds, eligible, byNode);
    this.updateStatus(ds, eligible.length);
  }

  /**
   * RollingUpdate (maxSurge 0): replaces pods of an old template, node by node, while no more than
   * maxUnavailable of the desired pods are unavailable (pkg/controller/daemon/update.go).
   */
  private rollingUpdate(
    ds: DaemonSetObject,
    eligible: (KubeObject & Node)[],
    byNode: Map<string, (KubeObject & Pod)[]>,
  ): void {
    const strategy = ds.spec?.updateStrategy;
    if (strategy?.type === 'OnDelete') return;
    const hash = computePodTemplateHash(ds.spec?.template);
    const raw = strategy?.rollingUpdate?.maxUnavailable ?? 1;
    const maxUnavailable =
      typeof raw === 'number'
        ? raw
        : Math.max(1, Math.floor((Number(raw.replace('%', '')) * eligible.length) / 100));
    const now = this.api.now();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    let unavailable = 0;
    const old: (KubeObject & Pod)[] = [];
    for (const node of eligible) {
      const pod = (byNode.get(node.metadata.name ?? '') ?? [])[0];
      if (!pod || !isPodAvailable(pod, minReady, now, parseRfc3339)) unavailable++;
      if (pod && pod.metadata.labels?.['controller-revision-hash'] !== hash) old.push(pod);
    }
    // Unavailable old pods go first: replacing them costs no availability.
    old.sort(
      (a, b) =>
        Number(isPodAvailable(a, minReady, now, parseRfc3339)) -
        Number(isPodAvailable(b, minReady, now, parseRfc3339)),
    );
    for (const pod of old) {
      const available = isPodAvailable(pod, minReady, now, parseRfc3339);
      if (available && unavailable >= maxUnavailable) break;
      this.deletePod(ds, pod);
      if (available) unavailable++;
    }
  }

  private shouldRun(ds: DaemonSetObject, node: KubeObject & Node): boolean {
    const template = { spec: ds.spec?.template.spec } as Pod;
    if (!nodeMatchesRequiredAffinity(template, node)) return false;
    const tolerations = [...(ds.spec?.template.spec?.tolerations ?? []), ...DAEMON_TOLERATIONS];
    return (
      findUntoleratedTaint(node.spec?.taints, tolerations, ['NoSchedule', 'NoExecute']) ===
      undefined
    );
  }

  private createPod(ds: DaemonSetObject, nodeName: string): void {
    const template = deepClone(ds.spec?.template ?? {});
    const spec = template.spec ?? { containers: [] };
    const tolerations = [...(spec.tolerations ?? [])];
    for (const t of DAEMON_TOLERATIONS) {
      if (!tolerations.some((x) => x.key === t.key && x.effect === t.effect)) tolerations.push(t);
    }
    spec.tolerations = tolerations;
    spec.affinity = {
      ...spec.affinity,
      nodeAffinity: {
        ...spec.affinity?.nodeAffinity,
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] },
          ],
        },
      },
    };
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...template.metadata,
        generateName: `${ds.metadata.name ?? ''}-`,
        namespace: ds.metadata.namespace,
        labels: {
          ...(template.metadata?.labels ?? {}),
          'controller-revision-hash': computePodTemplateHash(ds.spec?.template),
          'pod-template-generation': String(ds.metadata.generation ?? 1),
        },
        ownerReferences: [controllerRef(ds)],
      },
      spec,
    };
    delete pod.metadata.creationTimestamp;
    try {
      const created = this.api.create(pod, { actor: ACTOR });
      this.recorder.event(
        ds,
        'Normal',
        'SuccessfulCreate',
        `Created pod: ${created.metadata.name ?? ''}`,
      );
    } catch (error) {
      this.recorder.event(
        ds,
        'Warning',
        'FailedCreate',
        `Error creating: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private deletePod(ds: DaemonSetObject, pod: KubeObject): void {
    try {
      this.api.delete('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '', {
        actor: ACTOR,
      });
      this.recorder.event(
        ds,
        'Normal',
        'SuccessfulDelete',
        `Deleted pod: ${pod.metadata.name ?? ''}`,
      );
    } catch {
      // Already gone.
    }
  }

  private updateStatus(ds: DaemonSetObject, desired: number): void {
    const pods = (this.podsByOwner.byIndex(ds.metadata.uid ?? '') as Pod[]).filter(isPodActive);
    const hash = computePodTemplateHash(ds.spec?.template);
    const now = this.api.now();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const scheduled = pods.filter((p) => p.spec?.nodeName);
    const status = {
      currentNumberScheduled: scheduled.length,
      desiredNumberScheduled: desired,
      numberMisscheduled: 0,
      numberReady: pods.filter(isPodReady).length,
      numberAvailable: pods.filter((p) => isPodAvailable(p, minReady, now, parseRfc3339)).length,
      updatedNumberScheduled: scheduled.filter(
        (p) => p.metadata?.labels?.['controller-revision-hash'] === hash,
      ).length,
      observedGeneration: ds.metadata.generation ?? 1,
    };
    const next: Record<string, number> = { ...status };
    if (status.numberAvailable === 0) delete next.numberAvailable;
    if (status.updatedNumberScheduled === 0) delete next.updatedNumberScheduled;
    if (desired - status.numberAvailable > 0)
      next.numberUnavailable = desired - status.numberAvailable;
    if (deepEqual(next, ds.status ?? {})) return;
    const draft = deepClone(ds);
    draft.status = next as unknown as DaemonSet['status'];
    this.api.update(draft, { actor: ACTOR, subresource: 'status' });
  }
}

function targetNodeOf(pod: Pod): string {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    const field = (term.matchFields ?? []).find((f) => f.key === 'metadata.name');
    if (field?.values?.[0]) return field.values[0];
  }
  return '';
}
