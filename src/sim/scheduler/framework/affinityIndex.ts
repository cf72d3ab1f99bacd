/**
 * Existing pods' inter-pod affinity terms, grouped by identical term (same kind, weight, topology
 * key, namespaces and selector — the pods of one Deployment share them), each with the number of
 * pods carrying it per topology value. InterPodAffinity then matches the incoming pod once per
 * distinct term instead of once per existing pod, with the same sums upstream computes pod by pod.
 * Kept incrementally as pods are added and removed; node label changes rebuild it.
 */
import type { NodeInfo } from './nodeInfo.ts';
import type { AffinityTerm, PodInfo } from './podInfo.ts';

export type TermKind =
  'requiredAffinity' | 'requiredAntiAffinity' | 'preferredAffinity' | 'preferredAntiAffinity';

export interface IndexedTerm {
  readonly kind: TermKind;
  readonly term: AffinityTerm;
  /** The term's weight (1 for required terms). */
  readonly weight: number;
  /** Topology value → pods carrying this term on nodes with that value. */
  readonly counts: Map<string, number>;
}

const signatures = new WeakMap<AffinityTerm, string>();

function signatureOf(kind: TermKind, term: AffinityTerm, weight: number): string {
  let base = signatures.get(term);
  if (base === undefined) {
    base = JSON.stringify([
      term.topologyKey,
      [...term.namespaces].sort(),
      term.namespaceSelector ?? null,
      term.selector ?? null,
    ]);
    signatures.set(term, base);
  }
  return `${kind}\u0000${String(weight)}\u0000${base}`;
}

/** `key=value` a term's selector requires (its first In requirement with one value), if any. */
function anchorOf(term: AffinityTerm): string | undefined {
  const first = term.selector?.find(
    (r) => (r.operator === 'In' || r.operator === 'Equals') && r.values.length === 1,
  );
  return first ? `${first.key}\u0000${first.values[0] ?? ''}` : undefined;
}

export class AffinityIndex {
  private readonly entries = new Map<string, IndexedTerm>();
  /** Entries by the label their selector requires; terms a pod lacking it cannot match. */
  private readonly byAnchor = new Map<string, Set<IndexedTerm>>();
  private readonly unanchored = new Set<IndexedTerm>();

  terms(): IterableIterator<IndexedTerm> {
    return this.entries.values();
  }

  /** The terms `pod` could match: those anchored on one of its labels, and the unanchored. */
  candidatesFor(pod: PodInfo): IndexedTerm[] {
    const out = [...this.unanchored];
    for (const [key, value] of Object.entries(pod.labels)) {
      const set = this.byAnchor.get(`${key}\u0000${value}`);
      if (set) for (const e of set) out.push(e);
    }
    return out;
  }

  get size(): number {
    return this.entries.size;
  }

  podAdded(pod: PodInfo, node: NodeInfo): void {
    if (pod.hasAffinityConstraints) this.update(pod, node, 1);
  }

  podRemoved(pod: PodInfo, node: NodeInfo): void {
    if (pod.hasAffinityConstraints) this.update(pod, node, -1);
  }

  rebuild(nodes: Iterable<NodeInfo>): void {
    this.entries.clear();
    this.byAnchor.clear();
    this.unanchored.clear();
    for (const node of nodes) for (const pod of node.podsWithAffinity) this.update(pod, node, 1);
  }

  private update(pod: PodInfo, node: NodeInfo, sign: 1 | -1): void {
    for (const t of pod.requiredAffinityTerms) this.bump('requiredAffinity', t, 1, node, sign);
    for (const t of pod.requiredAntiAffinityTerms)
      this.bump('requiredAntiAffinity', t, 1, node, sign);
    for (const t of pod.preferredAffinityTerms)
      this.bump('preferredAffinity', t, t.weight, node, sign);
    for (const t of pod.preferredAntiAffinityTerms)
      this.bump('preferredAntiAffinity', t, t.weight, node, sign);
  }

  private bump(
    kind: TermKind,
    term: AffinityTerm,
    weight: number,
    node: NodeInfo,
    sign: 1 | -1,
  ): void {
    const value = node.labels[term.topologyKey];
    if (value === undefined) return;
    const key = signatureOf(kind, term, weight);
    let entry = this.entries.get(key);
    if (!entry) {
      if (sign < 0) return;
      entry = { kind, term, weight, counts: new Map() };
      this.entries.set(key, entry);
      const anchor = anchorOf(term);
      if (anchor === undefined) this.unanchored.add(entry);
      else {
        let set = this.byAnchor.get(anchor);
        if (!set) {
          set = new Set();
          this.byAnchor.set(anchor, set);
        }
        set.add(entry);
      }
    }
    const next = (entry.counts.get(value) ?? 0) + sign;
    if (next <= 0) entry.counts.delete(value);
    else entry.counts.set(value, next);
    if (entry.counts.size === 0) {
      this.entries.delete(key);
      this.unanchored.delete(entry);
      const anchor = anchorOf(term);
      if (anchor !== undefined) this.byAnchor.get(anchor)?.delete(entry);
    }
  }
}
