/**
 * Per-node aggregate the scheduler filters and scores against (framework.NodeInfo): the node, its
 * pods, and the sums of their requests, kept incrementally as pods come and go. A generation
 * counter lets plugins cache per-node answers (such as "how many pods match this selector")
 * until the node's pods change.
 */
import type { Node, Taint } from '../../api/types/index.ts';
import { nodeAllocatable } from '../../api/helpers/resources.ts';
import { matchesSelector, type Selector } from '../../api/labels.ts';
import { emptyResource, type PodInfo, type Resource } from './podInfo.ts';

const NO_TAINTS: readonly Taint[] = [];

export class NodeInfo {
  readonly pods = new Map<string, PodInfo>();
  readonly requested: Resource = emptyResource();
  nonZeroMilliCpu = 0;
  nonZeroMemory = 0;
  readonly usedPorts = new Map<string, number>();
  /** Pods with any pod (anti-)affinity, and those with required anti-affinity. */
  readonly podsWithAffinity = new Set<PodInfo>();
  readonly podsWithRequiredAntiAffinity = new Set<PodInfo>();
  allocatable: Resource = emptyResource();
  allowedPodNumber = 0;
  labels: Readonly<Record<string, string>> = {};
  taints: readonly Taint[] = NO_TAINTS;
  /** Image name → size in bytes, from node.status.images (every name of every image). */
  imageSizes = new Map<string, number>();
  /** Bumped whenever the pods on this node change. */
  generation = 0;
  private readonly cache = new Map<string, { generation: number; value: number }>();

  constructor(public node: Node) {
    this.setNode(node);
  }

  /** The node's name (cached: read on every filter and score). */
  name = '';

  setNode(node: Node): void {
    this.node = node;
    this.name = node.metadata?.name ?? '';
    const list = nodeAllocatable(node.status?.allocatable);
    const allocatable = emptyResource();
    for (const [name, value] of list) {
      if (name === 'cpu') allocatable.milliCpu = value;
      else if (name === 'memory') allocatable.memory = value;
      else if (name === 'ephemeral-storage') allocatable.ephemeralStorage = value;
      else if (name === 'pods') this.allowedPodNumber = value;
      else allocatable.scalar.set(name, value);
    }
    if (!list.has('pods')) this.allowedPodNumber = 0;
    this.allocatable = allocatable;
    this.labels = node.metadata?.labels ?? {};
    this.taints = node.spec?.taints ?? NO_TAINTS;
    const sizes = new Map<string, number>();
    for (const image of node.status?.images ?? [])
      for (const name of image.names ?? []) sizes.set(name, image.sizeBytes ?? 0);
    this.imageSizes = sizes;
  }

  addPod(info: PodInfo): void {
    if (this.pods.has(info.key)) this.removePod(info.key);
    this.pods.set(info.key, info);
    this.apply(info, 1);
    if (info.hasAffinityConstraints) this.podsWithAffinity.add(info);
    if (info.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity.add(info);
  }

  removePod(key: string): PodInfo | undefined {
    const info = this.pods.get(key);
    if (!info) return undefined;
    this.pods.delete(key);
    this.apply(info, -1);
    this.podsWithAffinity.delete(info);
    this.podsWithRequiredAntiAffinity.delete(info);
    return info;
  }

  /** A copy whose pods can be changed without touching this one (NodeInfo.Snapshot). */
  clone(): NodeInfo {
    const copy = new NodeInfo(this.node);
    for (const info of this.pods.values()) copy.addPod(info);
    return copy;
  }

  /**
   * How many of this node's pods in `namespace` match `selector` (skipping terminating pods unless
   * asked), remembered under `key` until the node's pods change.
   */
  countMatching(
    key: string,
    namespace: string,
    selector: Selector,
    includeTerminating = false,
  ): number {
    const hit = this.cache.get(key);
    if (hit !== undefined && hit.generation === this.generation) return hit.value;
    let value = 0;
    for (const p of this.pods.values())
      if (
        (includeTerminating || !p.terminating) &&
        p.namespace === namespace &&
        matchesSelector(p.labels, selector)
      )
        value++;
    if (hit) {
      hit.generation = this.generation;
      hit.value = value;
    } else this.cache.set(key, { generation: this.generation, value });
    return value;
  }

  private apply(info: PodInfo, sign: 1 | -1): void {
    this.generation++;
    const r = info.requests;
    this.requested.milliCpu += sign * r.milliCpu;
    this.requested.memory += sign * r.memory;
    this.requested.ephemeralStorage += sign * r.ephemeralStorage;
    for (const [name, value] of r.scalar) {
      const next = (this.requested.scalar.get(name) ?? 0) + sign * value;
      if (next === 0) this.requested.scalar.delete(name);
      else this.requested.scalar.set(name, next);
    }
    this.nonZeroMilliCpu += sign * info.nonZeroMilliCpu;
    this.nonZeroMemory += sign * info.nonZeroMemory;
    for (const port of info.hostPorts) {
      const next = (this.usedPorts.get(port) ?? 0) + sign;
      if (next <= 0) this.usedPorts.delete(port);
      else this.usedPorts.set(port, next);
    }
  }
}
