/**
 * The scheduler's cache (pkg/scheduler/backend/cache): a NodeInfo per node, kept in step with the
 * pods bound to it and the pods the scheduler has assumed but not yet bound, plus the image and
 * topology summaries the plugins read. Nodes are listed zone by zone in turn, as the cache's
 * nodeTree does, so sampling with percentageOfNodesToScore spreads over zones.
 */
import type { Node, Pod } from '../api/types/index.ts';
import type { Selector } from '../api/labels.ts';
import type { ObjectLister, SchedulingSnapshot } from './framework/interfaces.ts';
import { NodeInfo } from './framework/nodeInfo.ts';
import { PodInfo } from './framework/podInfo.ts';
import { TopologyIndex, type DomainCount } from './framework/topologyIndex.ts';
import { AffinityIndex, type IndexedTerm } from './framework/affinityIndex.ts';
import { parseRfc3339 } from '../clock/timeFormat.ts';

const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';

export function podInfoOf(pod: Pod): PodInfo {
  const start = pod.status?.startTime ? parseRfc3339(pod.status.startTime) : undefined;
  return new PodInfo(pod, start ?? Number.POSITIVE_INFINITY);
}

export class SchedulerCache implements SchedulingSnapshot {
  private readonly nodes = new Map<string, NodeInfo>();
  /** Pod key → node name and pod, for every pod the cache accounts for (bound or assumed). */
  private readonly podNode = new Map<string, { node: string; info: PodInfo }>();
  /** Assumed pods: scheduled, waiting for their bind to complete. */
  readonly assumed = new Set<string>();
  private readonly imageCounts = new Map<string, number>();
  private ordered: NodeInfo[] | undefined;
  private readonly topology: TopologyIndex;
  private readonly affinity = new AffinityIndex();
  private affinityStale = false;
  /** Pods nominated to a node by preemption (pod key → PodInfo), by node. */
  private readonly nominated = new Map<string, Map<string, PodInfo>>();
  private readonly nominatedNodeOf = new Map<string, string>();

  constructor(
    readonly lister: ObjectLister,
    private readonly nsLabels: (namespace: string) => Readonly<Record<string, string>> | undefined,
  ) {
    this.topology = new TopologyIndex(() => this.nodes.values());
  }

  get nodeInfos(): readonly NodeInfo[] {
    return this.list();
  }

  imageNodeCount(name: string): number {
    return this.imageCounts.get(name) ?? 0;
  }

  namespaceLabels(namespace: string): Readonly<Record<string, string>> | undefined {
    return this.nsLabels(namespace);
  }

  topologyDomains(
    namespace: string,
    selector: Selector,
    selectorKey: string,
    topologyKey: string,
    includeTerminating = false,
  ): ReadonlyMap<string, DomainCount> {
    return this.topology.domains(namespace, selector, selectorKey, topologyKey, includeTerminating);
  }

  affinityTerms(pod: PodInfo): Iterable<IndexedTerm> {
    if (this.affinityStale) {
      this.affinity.rebuild(this.nodes.values());
      this.affinityStale = false;
    }
    return this.affinity.candidatesFor(pod);
  }

  get nodeCount(): number {
    return this.nodes.size;
  }

  nodeInfo(name: string): NodeInfo | undefined {
    return this.nodes.get(name);
  }

  nodeOf(podKey: string): string | undefined {
    return this.podNode.get(podKey)?.node;
  }

  podInfo(podKey: string): PodInfo | undefined {
    return this.podNode.get(podKey)?.info;
  }

  /** Nodes in scheduling order (zones interleaved, insertion order within a zone). */
  list(): NodeInfo[] {
    if (this.ordered) return this.ordered;
    const zones = new Map<string, NodeInfo[]>();
    for (const info of this.nodes.values()) {
      const zone = `${info.labels[REGION] ?? ''}:${info.labels[ZONE] ?? ''}`;
      let list = zones.get(zone);
      if (!list) {
        list = [];
        zones.set(zone, list);
      }
      list.push(info);
    }
    const out: NodeInfo[] = [];
    const lists = [...zones.values()];
    for (let i = 0; out.length < this.nodes.size; i++)
      for (const list of lists) {
        const info = list[i];
        if (info) out.push(info);
      }
    this.ordered = out;
    return out;
  }

  /** Returns what changed, for the queue's hints. */
  setNode(node: Node): {
    added: boolean;
    labels: boolean;
    taints: boolean;
    allocatable: boolean;
    unschedulable: boolean;
  } {
    const name = node.metadata?.name ?? '';
    const existing = this.nodes.get(name);
    if (!existing) {
      const info = new NodeInfo(node);
      this.nodes.set(name, info);
      this.countImages(info, 1);
      // Pods bound to this node before the scheduler saw the node.
      for (const entry of this.podNode.values()) if (entry.node === name) info.addPod(entry.info);
      this.ordered = undefined;
      this.topology.invalidate();
      this.affinityStale = true;
      return { added: true, labels: true, taints: true, allocatable: true, unschedulable: true };
    }
    const before = existing.node;
    this.countImages(existing, -1);
    existing.setNode(node);
    this.countImages(existing, 1);
    const labels =
      JSON.stringify(before.metadata?.labels ?? {}) !== JSON.stringify(node.metadata?.labels ?? {});
    if (labels) {
      this.ordered = undefined;
      this.topology.invalidate();
      this.affinityStale = true;
    }
    return {
      added: false,
      labels,
      taints: JSON.stringify(before.spec?.taints ?? []) !== JSON.stringify(node.spec?.taints ?? []),
      allocatable:
        JSON.stringify(before.status?.allocatable ?? {}) !==
        JSON.stringify(node.status?.allocatable ?? {}),
      unschedulable: (before.spec?.unschedulable ?? false) !== (node.spec?.unschedulable ?? false),
    };
  }

  removeNode(name: string): void {
    const info = this.nodes.get(name);
    if (!info) return;
    this.countImages(info, -1);
    this.nodes.delete(name);
    this.ordered = undefined;
    this.topology.invalidate();
    this.affinityStale = true;
  }

  /** Accounts a pod on a node (bound, or assumed by the scheduler). */
  addPod(info: PodInfo, nodeName: string): void {
    if (this.podNode.has(info.key)) this.removePod(info.key, false);
    this.podNode.set(info.key, { node: nodeName, info });
    const node = this.nodes.get(nodeName);
    if (!node) return;
    node.addPod(info);
    this.topology.podAdded(info, node);
    if (!this.affinityStale) this.affinity.podAdded(info, node);
  }

  removePod(key: string, forgetAssumed = true): void {
    const entry = this.podNode.get(key);
    if (entry === undefined) return;
    this.podNode.delete(key);
    if (forgetAssumed) this.assumed.delete(key);
    const node = this.nodes.get(entry.node);
    const removed = node?.removePod(key);
    if (node && removed) {
      this.topology.podRemoved(removed, node);
      if (!this.affinityStale) this.affinity.podRemoved(removed, node);
    }
  }

  nominate(info: PodInfo, nodeName: string): void {
    this.unnominate(info.key);
    let map = this.nominated.get(nodeName);
    if (!map) {
      map = new Map();
      this.nominated.set(nodeName, map);
    }
    map.set(info.key, info);
    this.nominatedNodeOf.set(info.key, nodeName);
  }

  unnominate(key: string): void {
    const node = this.nominatedNodeOf.get(key);
    if (node === undefined) return;
    this.nominatedNodeOf.delete(key);
    this.nominated.get(node)?.delete(key);
  }

  nominatedPods(nodeName: string): readonly PodInfo[] {
    const map = this.nominated.get(nodeName);
    return map ? [...map.values()] : [];
  }

  get hasNominations(): boolean {
    return this.nominatedNodeOf.size > 0;
  }

  private countImages(info: NodeInfo, sign: 1 | -1): void {
    for (const name of info.imageSizes.keys()) {
      const next = (this.imageCounts.get(name) ?? 0) + sign;
      if (next <= 0) this.imageCounts.delete(name);
      else this.imageCounts.set(name, next);
    }
  }
}
