/**
 * Counts of pods matching a selector per topology domain, kept up to date as pods are assumed,
 * bound and deleted, so PodTopologySpread does not rescan every node's pods in every cycle. An
 * entry is built on first use from the node infos and then maintained incrementally; node changes
 * (labels, adds, removals) drop every entry. Answers equal a from-scratch count over all nodes
 * that carry the topology key (see topologyIndex.test.ts).
 */
import { matchesSelector, type Selector } from '../../api/labels.ts';
import type { NodeInfo } from './nodeInfo.ts';
import type { PodInfo } from './podInfo.ts';

export interface DomainCount {
  /** Nodes carrying this topology value. */
  nodes: number;
  /** Non-terminating pods in the namespace matching the selector on those nodes. */
  pods: number;
}

interface Entry {
  readonly includeTerminating: boolean;
  readonly namespace: string;
  readonly selector: Selector;
  readonly topologyKey: string;
  readonly domains: Map<string, DomainCount>;
}

const MAX_ENTRIES = 256;

export class TopologyIndex {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly nodes: () => Iterable<NodeInfo>) {}

  domains(
    namespace: string,
    selector: Selector,
    selectorKey: string,
    topologyKey: string,
    includeTerminating = false,
  ): ReadonlyMap<string, DomainCount> {
    const key = `${includeTerminating ? 'all' : 'live'}\u0000${namespace}\u0000${selectorKey}\u0000${topologyKey}`;
    const hit = this.entries.get(key);
    if (hit) {
      // Refresh recency: Map iteration order is insertion order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.domains;
    }
    const domains = new Map<string, DomainCount>();
    for (const info of this.nodes()) {
      const value = info.labels[topologyKey];
      if (value === undefined) continue;
      let d = domains.get(value);
      if (!d) {
        d = { nodes: 0, pods: 0 };
        domains.set(value, d);
      }
      d.nodes++;
      for (const pod of info.pods.values())
        if (matches(pod, namespace, selector, includeTerminating)) d.pods++;
    }
    this.entries.set(key, { includeTerminating, namespace, selector, topologyKey, domains });
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return domains;
  }

  podAdded(pod: PodInfo, node: NodeInfo): void {
    this.update(pod, node, 1);
  }

  podRemoved(pod: PodInfo, node: NodeInfo): void {
    this.update(pod, node, -1);
  }

  /** Node labels or the node set changed: every entry is rebuilt on next use. */
  invalidate(): void {
    this.entries.clear();
  }

  private update(pod: PodInfo, node: NodeInfo, sign: 1 | -1): void {
    if (this.entries.size === 0) return;
    for (const e of this.entries.values()) {
      const value = node.labels[e.topologyKey];
      if (value === undefined || !matches(pod, e.namespace, e.selector, e.includeTerminating))
        continue;
      const d = e.domains.get(value);
      if (d) d.pods += sign;
    }
  }
}

export function matches(
  pod: PodInfo,
  namespace: string,
  selector: Selector,
  includeTerminating = false,
): boolean {
  return (
    (includeTerminating || !pod.terminating) &&
    pod.namespace === namespace &&
    matchesSelector(pod.labels, selector)
  );
}
