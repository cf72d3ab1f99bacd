/**
 * A snapshot with one node replaced by a hypothetical copy (the dry runs of preemption and of the
 * "what would make this pod schedulable" explanations). Topology counts are recomputed from the
 * overlaid nodes, since the cache's incremental index describes the real state only.
 */
import type { Selector } from '../../../api/labels.ts';
import type { ObjectLister, SchedulingSnapshot } from '../../framework/interfaces.ts';
import type { NodeInfo } from '../../framework/nodeInfo.ts';
import type { PodInfo } from '../../framework/podInfo.ts';
import { TopologyIndex, type DomainCount } from '../../framework/topologyIndex.ts';
import { AffinityIndex, type IndexedTerm } from '../../framework/affinityIndex.ts';

export class OverlaySnapshot implements SchedulingSnapshot {
  readonly nodeInfos: readonly NodeInfo[];
  readonly lister: ObjectLister;
  private index: TopologyIndex;
  private affinity: AffinityIndex | undefined;

  constructor(
    private readonly base: SchedulingSnapshot,
    private readonly replacement: NodeInfo,
    added = false,
  ) {
    this.lister = base.lister;
    this.nodeInfos = added
      ? [...base.nodeInfos, replacement]
      : base.nodeInfos.map((n) => (n.name === replacement.name ? replacement : n));
    this.index = new TopologyIndex(() => this.nodeInfos);
  }

  /** The replacement node's pods changed: drop derived counts. */
  changed(): void {
    this.index = new TopologyIndex(() => this.nodeInfos);
    this.affinity = undefined;
  }

  affinityTerms(pod: PodInfo): Iterable<IndexedTerm> {
    if (!this.affinity) {
      this.affinity = new AffinityIndex();
      this.affinity.rebuild(this.nodeInfos);
    }
    return this.affinity.candidatesFor(pod);
  }

  nodeInfo(name: string): NodeInfo | undefined {
    return name === this.replacement.name ? this.replacement : this.base.nodeInfo(name);
  }

  imageNodeCount(name: string): number {
    return this.base.imageNodeCount(name);
  }

  namespaceLabels(namespace: string): Readonly<Record<string, string>> | undefined {
    return this.base.namespaceLabels(namespace);
  }

  topologyDomains(
    namespace: string,
    selector: Selector,
    selectorKey: string,
    topologyKey: string,
    includeTerminating = false,
  ): ReadonlyMap<string, DomainCount> {
    return this.index.domains(namespace, selector, selectorKey, topologyKey, includeTerminating);
  }
}
