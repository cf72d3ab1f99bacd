/**
 * kube-scheduler: takes pending pods from the scheduling queue, runs the profile's plugins over
 * the cache, preempts when nothing fits, assumes the pod on the chosen node and binds it through a
 * rate-limited client. Mirrors pkg/scheduler/schedule_one.go (scheduleOne, schedulePod,
 * handleSchedulingFailure, bindingCycle) and eventhandlers.go.
 */
import type { ApiServer } from '../api/apiServer.ts';
import type { KubeObject, Node, Pod } from '../api/types/index.ts';
import type { VirtualClock } from '../clock/virtualClock.ts';
import type { EventRecorder } from '../client/eventRecorder.ts';
import { keyOf, splitKey } from '../client/indexer.ts';
import type { ComponentContext, Reconciler } from '../client/reconciler.ts';
import type { SeededRandom } from '../random/seededRandom.ts';
import { deepEqual } from '../util/objects.ts';
import { BindLimiter, DEFAULT_CLIENT_BURST, DEFAULT_CLIENT_QPS } from './bindLimiter.ts';
import { fitErrorMessage } from './fitError.ts';
import {
  Framework,
  selectHost,
  type CycleResult,
  type FilterFailure,
} from './framework/framework.ts';
import type { CycleState } from './framework/interfaces.ts';
import type { NodeInfo } from './framework/nodeInfo.ts';
import type { PodInfo } from './framework/podInfo.ts';
import { preempt, type Candidate } from './plugins/defaultpreemption/defaultPreemption.ts';
import * as names from './plugins/names.ts';
import type { Profile } from './plugins/registry.ts';
import { podInfoOf, SchedulerCache } from './schedulerCache.ts';
import { settingsFromConfig } from './schedulerConfig.ts';
import { SchedulingQueue, type ClusterEvent } from './schedulingQueue.ts';
import { SchedulingRecords, type AttemptSummary } from './schedulingRecord.ts';
import {
  clearNomination,
  evictVictim,
  updateUnschedulable,
  type WriteContext,
} from './schedulingWrites.ts';
import { explainPending, type Suggestion } from './explain/whatWouldHelp.ts';

export const SCHEDULER_NAME = 'default-scheduler';
export const CONFIG_RESOURCE = 'kubeschedulerconfigurations.kubescheduler.config.k8s.io';
export { numFeasibleNodesToFind } from './framework/framework.ts';

export interface SchedulerOptions {
  /** The API client's rate limit for binds (default 50 QPS, burst 100); Infinity disables it. */
  readonly clientQps?: number;
  readonly clientBurst?: number;
  /** Keep per-node detail in the scheduling records (default true). */
  readonly recordDetail?: boolean;
}

const set = (...plugins: string[]): ReadonlySet<string> => new Set(plugins);
const ASSIGNED_POD_DELETED: ClusterEvent = {
  label: 'AssignedPodDelete',
  plugins: set(
    names.NodeResourcesFit,
    names.NodePorts,
    names.InterPodAffinity,
    names.PodTopologySpread,
    names.VolumeBinding,
  ),
};
const ASSIGNED_POD_ADDED: ClusterEvent = {
  label: 'AssignedPodAdd',
  plugins: set(names.InterPodAffinity, names.PodTopologySpread),
};
const STORAGE_CHANGED: ClusterEvent = { label: 'StorageChange', plugins: set(names.VolumeBinding) };
const NAMESPACE_CHANGED: ClusterEvent = {
  label: 'NamespaceChange',
  plugins: set(names.InterPodAffinity),
};

export class Scheduler implements Reconciler {
  readonly name = SCHEDULER_NAME;
  readonly queue: SchedulingQueue;
  readonly records = new SchedulingRecords();
  readonly cache: SchedulerCache;
  /** Problems in the applied KubeSchedulerConfiguration, if any. */
  configErrors: readonly string[] = [];
  private framework: Framework;
  private readonly api: ApiServer;
  private readonly clock: VirtualClock;
  private readonly recorder: EventRecorder;
  private readonly random: SeededRandom;
  private readonly limiter: BindLimiter;
  private readonly recordDetail: boolean;
  private readonly writes: WriteContext;
  private nextStartNodeIndex = 0;
  /** Pod key → uid of the assumed pod whose bind waits for a client token. */
  private readonly pendingBinds = new Map<string, string>();

  constructor(ctx: ComponentContext, options: SchedulerOptions = {}) {
    this.api = ctx.api;
    this.clock = ctx.clock;
    this.queue = new SchedulingQueue(ctx.clock);
    this.recorder = ctx.recorder({ component: SCHEDULER_NAME });
    this.random = ctx.random('scheduler');
    this.limiter = new BindLimiter(
      options.clientQps ?? DEFAULT_CLIENT_QPS,
      options.clientBurst ?? DEFAULT_CLIENT_BURST,
      ctx.api.now(),
    );
    this.recordDetail = options.recordDetail ?? true;
    this.writes = { api: ctx.api, recorder: this.recorder, actor: SCHEDULER_NAME };
    const api = ctx.api;
    this.cache = new SchedulerCache(
      {
        get: (resource, namespace, name) => api.get(resource, namespace, name),
        list: (resource, namespace) => api.iterate(resource, namespace),
      },
      (namespace) => api.get('namespaces', '', namespace)?.metadata.labels,
    );
    this.framework = new Framework(settingsFromConfig(undefined).profile);
    this.applyConfig();
    for (const node of api.iterate('nodes')) this.onNode(node, 'ADDED');
    for (const pod of api.iterate('pods')) this.onPod(pod as KubeObject & Pod, 'ADDED', undefined);
    api.watch('nodes', (e) => {
      this.onNode(e.object, e.type);
    });
    api.watch('pods', (e) => {
      this.onPod(
        e.object as KubeObject & Pod,
        e.type,
        e.previous as (KubeObject & Pod) | undefined,
      );
    });
    for (const r of [
      'persistentvolumeclaims',
      'persistentvolumes',
      'storageclasses.storage.k8s.io',
    ])
      api.watch(r, () => {
        this.queue.onEvent(STORAGE_CHANGED);
      });
    api.watch('namespaces', (e) => {
      if (!deepEqual(e.object.metadata.labels, e.previous?.metadata.labels))
        this.queue.onEvent(NAMESPACE_CHANGED);
    });
    api.watch(CONFIG_RESOURCE, () => {
      this.applyConfig();
      this.queue.moveAll();
    });
  }

  get profile(): Profile {
    return this.framework.profile;
  }

  /** Replaces the profile directly (tests and tools; the API path is KubeSchedulerConfiguration). */
  setProfile(profile: Profile): void {
    this.framework = new Framework(profile);
  }

  /** Changes the bind client's rate limit (QPS and burst); Infinity disables it. */
  setClientRateLimit(qps: number, burst: number): void {
    this.limiter.configure(qps, burst, this.api.now());
  }

  /** The smallest changes that would let a pending pod schedule, checked by re-running filters. */
  explain(namespace: string, name: string): readonly Suggestion[] {
    const pod = this.api.get('pods', namespace, name) as (KubeObject & Pod) | undefined;
    if (!pod || pod.spec?.nodeName) return [];
    return explainPending(this.framework, this.cache, podInfoOf(pod), this.nodeTemplate());
  }

  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const pod = this.api.get('pods', namespace, name) as (KubeObject & Pod) | undefined;
    if (
      !pod ||
      pod.spec?.nodeName ||
      pod.metadata.deletionTimestamp ||
      this.cache.assumed.has(key)
    ) {
      this.queue.done(key);
      return;
    }
    this.scheduleOne(key, pod);
  }

  private applyConfig(): void {
    const configs = this.api.list(CONFIG_RESOURCE);
    const settings = settingsFromConfig(configs[configs.length - 1]);
    this.framework = new Framework(settings.profile);
    this.queue.initialBackoffMs = settings.initialBackoffMs;
    this.queue.maxBackoffMs = settings.maxBackoffMs;
    this.configErrors = settings.errors;
  }

  private onNode(node: KubeObject, type: string): void {
    const name = node.metadata.name ?? '';
    if (type === 'DELETED') {
      this.cache.removeNode(name);
      return;
    }
    const changed = this.cache.setNode(node as Node);
    if (changed.added) {
      this.queue.onEvent({ label: 'NodeAdd', plugins: 'all' });
      return;
    }
    const plugins: string[] = [];
    if (changed.labels)
      plugins.push(
        names.NodeAffinity,
        names.PodTopologySpread,
        names.InterPodAffinity,
        names.VolumeBinding,
      );
    if (changed.taints) plugins.push(names.TaintToleration);
    if (changed.allocatable) plugins.push(names.NodeResourcesFit);
    if (changed.unschedulable) plugins.push(names.NodeUnschedulable);
    if (plugins.length > 0) this.queue.onEvent({ label: 'NodeUpdate', plugins: new Set(plugins) });
  }

  private onPod(
    pod: KubeObject & Pod,
    type: string,
    previous: (KubeObject & Pod) | undefined,
  ): void {
    const key = keyOf(pod);
    const phase = pod.status?.phase;
    const terminal = phase === 'Succeeded' || phase === 'Failed';
    const nodeName = pod.spec?.nodeName;
    if (type === 'DELETED' || terminal) {
      const wasCounted = this.cache.nodeOf(key) !== undefined;
      this.cache.removePod(key);
      this.cache.unnominate(key);
      this.queue.delete(key);
      this.pendingBinds.delete(key);
      if (type === 'DELETED') this.records.forget(pod.metadata.uid ?? '');
      if (wasCounted) this.queue.onEvent(ASSIGNED_POD_DELETED);
      return;
    }
    if (nodeName) {
      const known = this.cache.nodeOf(key) === nodeName && !this.cache.assumed.has(key);
      this.cache.addPod(podInfoOf(pod), nodeName);
      this.cache.assumed.delete(key);
      this.cache.unnominate(key);
      this.queue.done(key);
      const labelsChanged = !deepEqual(pod.metadata.labels, previous?.metadata.labels);
      if (!known || labelsChanged) this.queue.onEvent(ASSIGNED_POD_ADDED);
      return;
    }
    if ((pod.spec?.schedulerName ?? SCHEDULER_NAME) !== SCHEDULER_NAME) return;
    if (this.cache.assumed.has(key)) return;
    if (pod.metadata.deletionTimestamp) {
      this.queue.delete(key);
      return;
    }
    if (pod.status?.nominatedNodeName)
      this.cache.nominate(podInfoOf(pod), pod.status.nominatedNodeName);
    else this.cache.unnominate(key);
    // Status-only updates (the scheduler's own condition patches) do not requeue (isPodUpdated).
    if (type === 'MODIFIED' && previous && this.queue.where(key) !== undefined) {
      const strip = (p: KubeObject) => ({
        ...p,
        status: undefined,
        metadata: { ...p.metadata, resourceVersion: undefined, generation: undefined },
      });
      if (deepEqual(strip(pod), strip(previous))) return;
      this.queue.delete(key);
    }
    this.queue.add(key, pod.spec?.priority ?? 0);
  }

  /** Copies of nodes with room held for pods nominated there by preemption. */
  private nodeView(pod: PodInfo): ((info: NodeInfo) => NodeInfo) | undefined {
    if (!this.cache.hasNominations) return undefined;
    return (info) => {
      const nominated = this.cache
        .nominatedPods(info.name)
        .filter((p) => p.priority >= pod.priority && p.key !== pod.key);
      if (nominated.length === 0) return info;
      const copy = info.clone();
      for (const p of nominated) copy.addPod(p);
      return copy;
    };
  }

  private scheduleOne(key: string, pod: KubeObject & Pod): void {
    const podInfo = podInfoOf(pod);
    const nodes = this.cache.nodeInfos;
    const base = {
      podKey: key,
      podUid: pod.metadata.uid ?? '',
      attempt: this.queue.attemptsOf(key),
      timeMs: this.api.now(),
      totalNodes: nodes.length,
    };
    if (nodes.length === 0) {
      const message = 'no nodes available to schedule pods';
      this.records.add({
        ...base,
        evaluatedNodes: 0,
        feasibleNodes: 0,
        message,
        detail: undefined,
      });
      this.handleFailure(key, pod, message, new Set());
      return;
    }
    const view = this.nodeView(podInfo);
    const result = this.framework.run(
      podInfo,
      this.cache,
      this.nextStartNodeIndex,
      this.recordDetail,
      view,
    );
    this.nextStartNodeIndex = (this.nextStartNodeIndex + result.processed) % nodes.length;
    if (result.feasible.length === 0) {
      this.failCycle(key, pod, podInfo, result, base);
      return;
    }
    const chosen = selectHost(result.feasible, result.totals, (n) => this.random.int(n));
    this.records.add({
      ...base,
      evaluatedNodes: result.evaluated.length,
      feasibleNodes: result.feasible.length,
      chosenNode: chosen.name,
      detail: result.detail,
    });
    this.assumeAndBind(key, pod, podInfo, chosen.name, result.state);
  }

  private failCycle(
    key: string,
    pod: KubeObject & Pod,
    podInfo: PodInfo,
    result: CycleResult,
    base: Omit<AttemptSummary, 'evaluatedNodes' | 'feasibleNodes' | 'detail'>,
  ): void {
    const nodes = this.cache.nodeInfos;
    const failures = new Map<NodeInfo, FilterFailure>();
    const rejectors = new Set<string>();
    if (result.preFilterFailure) {
      for (const node of nodes) failures.set(node, result.preFilterFailure);
      rejectors.add(result.preFilterFailure.plugin);
    } else {
      result.evaluated.forEach((node, i) => {
        const failure = result.failures[i];
        if (failure) {
          failures.set(node, failure);
          rejectors.add(failure.plugin);
        }
      });
    }
    let postFilter = '';
    let candidate: Candidate | undefined;
    let clearNomination = false;
    if (this.framework.postFilterEnabled) {
      const outcome = preempt(
        {
          framework: this.framework,
          snapshot: this.cache,
          randomInt: (n) => this.random.int(n),
          nominatedPods: (node, priority, except) =>
            this.cache
              .nominatedPods(node)
              .filter((p) => p.priority >= priority && p.key !== except),
          isTerminatingByPreemption: (p) =>
            p.terminating &&
            (p.pod.status?.conditions ?? []).some(
              (c) => c.type === 'DisruptionTarget' && c.reason === 'PreemptionByScheduler',
            ),
          args: this.framework.profile.args.preemption,
        },
        podInfo,
        failures,
      );
      postFilter = outcome.message;
      candidate = outcome.candidate;
      clearNomination = outcome.clearNomination;
    }
    const message = fitErrorMessage(
      nodes.length,
      [...failures.values()].map((f) => f.status.reasons),
      postFilter,
      result.preFilterFailure ? result.preFilterFailure.status.reasons.join(', ') : undefined,
    );
    this.records.add({
      ...base,
      evaluatedNodes: result.evaluated.length,
      feasibleNodes: 0,
      message,
      ...(result.preFilterFailure
        ? {
            preFilterRejection: {
              plugin: result.preFilterFailure.plugin,
              reasons: result.preFilterFailure.status.reasons,
              code: result.preFilterFailure.status.code,
            },
          }
        : {}),
      ...(candidate
        ? {
            preemption: {
              nominatedNode: candidate.node.name,
              victims: candidate.victims.map((v) => v.key),
            },
          }
        : {}),
      detail: result.detail,
    });
    if (candidate) this.preemptVictims(pod, podInfo, candidate);
    const nominated = candidate ? candidate.node.name : clearNomination ? '' : undefined;
    this.handleFailure(key, pod, message, rejectors, nominated);
  }

  /** prepareCandidate: mark, evict and tell each victim; clear weaker nominations on the node. */
  private preemptVictims(
    preemptor: KubeObject & Pod,
    podInfo: PodInfo,
    candidate: Candidate,
  ): void {
    const node = candidate.node.name;
    for (const victim of candidate.victims)
      evictVictim(this.writes, victim.key, preemptor.metadata.uid ?? '', node);
    for (const other of this.cache.nominatedPods(node)) {
      if (other.priority >= podInfo.priority || other.key === podInfo.key) continue;
      this.cache.unnominate(other.key);
      clearNomination(this.writes, other.key);
    }
  }

  private handleFailure(
    key: string,
    pod: KubeObject & Pod,
    message: string,
    rejectors: ReadonlySet<string>,
    nominatedNode?: string,
  ): void {
    this.recorder.event(pod, 'Warning', 'FailedScheduling', message);
    updateUnschedulable(this.writes, pod, message, nominatedNode);
    if (nominatedNode) this.cache.nominate(podInfoOf(pod), nominatedNode);
    else if (nominatedNode === '') this.cache.unnominate(key);
    this.queue.markUnschedulable(key, rejectors);
  }

  /** Reserve (assume in the cache), then bind when the client's rate limit allows. */
  private assumeAndBind(
    key: string,
    pod: KubeObject & Pod,
    podInfo: PodInfo,
    nodeName: string,
    state: CycleState,
  ): void {
    this.cache.addPod(podInfo, nodeName);
    this.cache.assumed.add(key);
    this.cache.unnominate(key);
    this.queue.done(key);
    const uid = pod.metadata.uid ?? '';
    const delay = this.limiter.reserve(this.api.now());
    const bind = (): void => {
      this.pendingBinds.delete(key);
      this.bindingCycle(key, uid, podInfo, nodeName, state);
    };
    if (delay === 0) {
      bind();
      return;
    }
    this.pendingBinds.set(key, uid);
    this.clock.after(delay, () => {
      // A pod deleted (and perhaps recreated under the same name) meanwhile is not bound.
      if (this.pendingBinds.get(key) === uid) bind();
    });
  }

  /** Pods scheduled and assumed whose bind waits for the client's rate limit. */
  get bindsInFlight(): number {
    return this.pendingBinds.size;
  }

  private bindingCycle(
    key: string,
    uid: string,
    podInfo: PodInfo,
    nodeName: string,
    state: CycleState,
  ): void {
    const { namespace, name } = splitKey(key);
    const pod = this.api.get('pods', namespace, name) as (KubeObject & Pod) | undefined;
    if (!this.cache.assumed.has(key)) return;
    if (!pod || pod.metadata.uid !== uid || pod.metadata.deletionTimestamp) {
      this.cache.removePod(key);
      return;
    }
    try {
      for (const plugin of this.framework.preBinds) {
        plugin.preBind(state, podInfo, nodeName, {
          mutate: (resource, ns, objName, fn) => {
            this.api.mutate(resource, ns, objName, fn, { actor: SCHEDULER_NAME });
          },
        });
      }
      const bound = this.api.bind(namespace, name, nodeName, { actor: SCHEDULER_NAME });
      this.recorder.event(
        bound,
        'Normal',
        'Scheduled',
        `Successfully assigned ${namespace}/${name} to ${nodeName}`,
      );
    } catch {
      // The binding failed (the pod changed under us): forget the assumption and retry later.
      this.cache.removePod(key);
      const current = this.api.get('pods', namespace, name) as (KubeObject & Pod) | undefined;
      if (current && !current.spec?.nodeName) {
        this.queue.add(key, current.spec?.priority ?? 0);
        this.queue.markBackoff(key);
      }
    }
  }

  /** A Node object for "add a node like the others" explanations: a worker's labels, no pods. */
  private nodeTemplate(): Node | undefined {
    const workers = this.cache.nodeInfos.filter(
      (n) => n.labels['node-role.kubernetes.io/control-plane'] === undefined,
    );
    return (workers[0] ?? this.cache.nodeInfos[0])?.node;
  }
}
