/**
 * A pod with everything the plugins need precomputed once (framework.PodInfo): its requests, its
 * parsed affinity terms, host ports and images. Built once per pod per scheduling cycle, and once
 * per pod when it is added to a NodeInfo, so filters and scores never re-derive them per node.
 */
import type { Affinity, Pod } from '../../api/types/index.ts';
import { fromLabelSelector, matchesSelector, type Selector } from '../../api/labels.ts';
import { nonZeroRequests, podRequests } from '../../api/helpers/resources.ts';

/** Requests in the units the scheduler compares: millicores, bytes and counts. */
export interface Resource {
  milliCpu: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended and hugepages resources, by name. */
  readonly scalar: Map<string, number>;
}

export function emptyResource(): Resource {
  return { milliCpu: 0, memory: 0, ephemeralStorage: 0, scalar: new Map() };
}

/** A PodAffinityTerm with its selectors parsed (interpodaffinity's AffinityTerm). */
export interface AffinityTerm {
  /** Explicit namespaces; with no namespaceSelector and none listed, the pod's own namespace. */
  readonly namespaces: ReadonlySet<string>;
  /** Parsed namespaceSelector; undefined when absent. `[]` matches every namespace. */
  readonly namespaceSelector: Selector | undefined;
  /** undefined matches nothing, as a nil labelSelector does upstream. */
  readonly selector: Selector | undefined;
  readonly topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  readonly weight: number;
}

type WeightedPodAffinityTerm = NonNullable<
  NonNullable<Affinity['podAffinity']>['preferredDuringSchedulingIgnoredDuringExecution']
>[number];
type PodAffinityTerm = WeightedPodAffinityTerm['podAffinityTerm'];

let nextPodInfoId = 1;

export class PodInfo {
  readonly id = nextPodInfoId++;
  readonly key: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly requests: Resource;
  readonly nonZeroMilliCpu: number;
  readonly nonZeroMemory: number;
  readonly priority: number;
  readonly hostPorts: readonly string[];
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  /** Virtual ms the pod started (status.startTime), for MoreImportantPod; Infinity if unknown. */
  readonly startTimeMs: number;
  /** Being deleted: spreading and affinity counts skip it (countPodsMatchSelector). */
  readonly terminating: boolean;

  constructor(
    readonly pod: Pod,
    startTimeMs = Number.POSITIVE_INFINITY,
  ) {
    const meta = pod.metadata ?? {};
    this.namespace = meta.namespace ?? 'default';
    this.key = `${this.namespace}/${meta.name ?? ''}`;
    this.labels = meta.labels ?? {};
    this.requests = toResource(podRequests(pod));
    const nz = nonZeroRequests(pod);
    this.nonZeroMilliCpu = nz.milliCpu;
    this.nonZeroMemory = nz.memory;
    this.priority = pod.spec?.priority ?? 0;
    this.hostPorts = hostPortsOf(pod);
    const affinity = pod.spec?.affinity;
    const ns = this.namespace;
    this.requiredAffinityTerms = (
      affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []
    ).map((t) => affinityTerm(t, ns));
    this.requiredAntiAffinityTerms = (
      affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []
    ).map((t) => affinityTerm(t, ns));
    this.preferredAffinityTerms = weighted(
      affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution,
      ns,
    );
    this.preferredAntiAffinityTerms = weighted(
      affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution,
      ns,
    );
    this.startTimeMs = startTimeMs;
    this.terminating = meta.deletionTimestamp !== undefined;
  }

  get hasAffinityConstraints(): boolean {
    return (
      this.requiredAffinityTerms.length > 0 ||
      this.requiredAntiAffinityTerms.length > 0 ||
      this.preferredAffinityTerms.length > 0 ||
      this.preferredAntiAffinityTerms.length > 0
    );
  }
}

function affinityTerm(term: PodAffinityTerm, podNamespace: string): AffinityTerm {
  const namespaceSelector = fromLabelSelector(term.namespaceSelector);
  const listed = term.namespaces ?? [];
  const namespaces = new Set(
    listed.length === 0 && namespaceSelector === undefined ? [podNamespace] : listed,
  );
  return {
    namespaces,
    namespaceSelector,
    selector: fromLabelSelector(term.labelSelector),
    topologyKey: term.topologyKey,
  };
}

function weighted(
  terms: readonly WeightedPodAffinityTerm[] | undefined,
  podNamespace: string,
): WeightedAffinityTerm[] {
  return (terms ?? []).map((t) => ({
    ...affinityTerm(t.podAffinityTerm, podNamespace),
    weight: t.weight,
  }));
}

/**
 * PodMatchesTermsNamespaceAndSelector: the pod is in one of the term's namespaces (or one its
 * namespaceSelector picks) and its labels match the term's selector.
 */
export function podMatchesTerm(
  pod: PodInfo,
  term: AffinityTerm,
  namespaceLabels: (namespace: string) => Readonly<Record<string, string>> | undefined,
): boolean {
  if (!term.namespaces.has(pod.namespace)) {
    if (term.namespaceSelector === undefined) return false;
    if (!matchesSelector(namespaceLabels(pod.namespace), term.namespaceSelector)) return false;
  }
  return term.selector !== undefined && matchesSelector(pod.labels, term.selector);
}

function toResource(list: Map<string, number>): Resource {
  const out = emptyResource();
  for (const [name, value] of list) {
    if (name === 'cpu') out.milliCpu = value;
    else if (name === 'memory') out.memory = value;
    else if (name === 'ephemeral-storage') out.ephemeralStorage = value;
    else if (name !== 'pods' && value !== 0) out.scalar.set(name, value);
  }
  return out;
}

/** `protocol/hostIP/port` for each container hostPort, as NodePorts compares them. */
export function hostPortsOf(pod: Pod): string[] {
  const out: string[] = [];
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    for (const p of c.ports ?? [])
      if (p.hostPort)
        out.push(`${p.protocol ?? 'TCP'}/${p.hostIP ?? '0.0.0.0'}/${String(p.hostPort)}`);
  }
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? [])
      if (p.hostPort)
        out.push(`${p.protocol ?? 'TCP'}/${p.hostIP ?? '0.0.0.0'}/${String(p.hostPort)}`);
  }
  return out;
}
