/**
 * DefaultPreemption's PostFilter: when no node fits, find nodes where evicting lower-priority pods
 * would make room (SelectVictimsOnNode: remove every lower-priority pod, check the pod fits, then
 * reprieve victims from most to least important while it still fits, PDB-violating ones first),
 * pick one node (pickOneNodeForPreemption) and return its victims. The scheduler then evicts
 * them and nominates the node. Mirrors plugins/defaultpreemption/default_preemption.go and
 * framework/preemption/preemption.go. This module only decides; it writes nothing.
 */
import { fromLabelSelector, matchesSelector } from '../../../api/labels.ts';
import type { KubeObject } from '../../../api/types/index.ts';
import type { FilterFailure, Framework } from '../../framework/framework.ts';
import type { SchedulingSnapshot, Status } from '../../framework/interfaces.ts';
import type { NodeInfo } from '../../framework/nodeInfo.ts';
import type { PodInfo } from '../../framework/podInfo.ts';
import { formatHistogram } from '../../fitError.ts';
import { OverlaySnapshot } from './overlaySnapshot.ts';

export interface PreemptionArgs {
  readonly minCandidateNodesPercentage: number;
  readonly minCandidateNodesAbsolute: number;
}

export const MSG_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const MSG_NO_VICTIMS = 'No preemption victims found for incoming pod';
export const MSG_POLICY_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const MSG_TERMINATING = 'not eligible due to a terminating pod on the nominated node.';

export interface Candidate {
  readonly node: NodeInfo;
  /** Most important first. */
  readonly victims: readonly PodInfo[];
  readonly pdbViolations: number;
}

export interface PreemptionOutcome {
  /** The chosen candidate; undefined when preemption cannot help. */
  readonly candidate?: Candidate;
  /** The PostFilter message (`preemption: …`), empty when a candidate was found. */
  readonly message: string;
  /** True when the pod's nominatedNodeName should be cleared. */
  readonly clearNomination: boolean;
}

export interface PreemptionHost {
  readonly framework: Framework;
  readonly snapshot: SchedulingSnapshot;
  /** Random offset into the potential nodes (GetOffsetAndNumCandidates). */
  randomInt(n: number): number;
  /** Pods nominated to a node with at least this priority (they keep their room). */
  nominatedPods(nodeName: string, priority: number, except: string): readonly PodInfo[];
  /** Victims already being deleted because of preemption. */
  isTerminatingByPreemption(pod: PodInfo): boolean;
  readonly args: PreemptionArgs;
}

/** MoreImportantPod: higher priority, then earlier start. */
export function moreImportant(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return a.startTimeMs - b.startTimeMs;
}

interface Pdb {
  readonly namespace: string;
  readonly selector: ReturnType<typeof fromLabelSelector>;
  readonly allowed: number;
  readonly disrupted: ReadonlySet<string>;
}

function pdbsOf(snapshot: SchedulingSnapshot): Pdb[] {
  return [...snapshot.lister.list('poddisruptionbudgets.policy')].map((obj: KubeObject) => {
    const spec = obj.spec as { selector?: Parameters<typeof fromLabelSelector>[0] } | undefined;
    const status = obj.status as
      { disruptionsAllowed?: number; disruptedPods?: Record<string, string> } | undefined;
    return {
      namespace: obj.metadata.namespace ?? 'default',
      selector: fromLabelSelector(spec?.selector),
      allowed: status?.disruptionsAllowed ?? 0,
      disrupted: new Set(Object.keys(status?.disruptedPods ?? {})),
    };
  });
}

/** filterPodsWithPDBViolation: victims whose eviction would break a budget come first. */
function splitByPdb(pods: readonly PodInfo[], pdbs: readonly Pdb[]): [PodInfo[], PodInfo[]] {
  const allowed = pdbs.map((p) => p.allowed);
  const violating: PodInfo[] = [];
  const fine: PodInfo[] = [];
  for (const pod of pods) {
    let violated = false;
    for (let i = 0; i < pdbs.length; i++) {
      const pdb = pdbs[i] as Pdb;
      if (pdb.namespace !== pod.namespace) continue;
      if (!pdb.selector || pdb.selector.length === 0) continue;
      if (!matchesSelector(pod.labels, pdb.selector)) continue;
      if (pdb.disrupted.has(pod.pod.metadata?.name ?? '')) continue;
      allowed[i] = (allowed[i] ?? 0) - 1;
      if ((allowed[i] ?? 0) < 0) violated = true;
    }
    (violated ? violating : fine).push(pod);
  }
  return [violating, fine];
}

/** SelectVictimsOnNode. Returns the victims, or the status saying why preemption cannot help. */
export function selectVictimsOnNode(
  host: PreemptionHost,
  pod: PodInfo,
  node: NodeInfo,
  pdbs: readonly Pdb[],
): { victims: PodInfo[]; pdbViolations: number } | { status: Status } {
  const copy = node.clone();
  for (const nominated of host.nominatedPods(node.name, pod.priority, pod.key))
    copy.addPod(nominated);
  const overlay = new OverlaySnapshot(host.snapshot, copy);
  const potential = [...copy.pods.values()].filter(
    (p) =>
      p.priority < pod.priority &&
      !host.nominatedPods(node.name, pod.priority, pod.key).includes(p),
  );
  if (potential.length === 0)
    return { status: { code: 'UnschedulableAndUnresolvable', reasons: [MSG_NO_VICTIMS] } };
  for (const p of potential) copy.removePod(p.key);
  overlay.changed();
  const failure = host.framework.fitsOn(pod, overlay, copy);
  if (failure) return { status: failure.status };
  potential.sort(moreImportant);
  const [violating, fine] = splitByPdb(potential, pdbs);
  const victims: PodInfo[] = [];
  let pdbViolations = 0;
  const reprieve = (p: PodInfo): boolean => {
    copy.addPod(p);
    overlay.changed();
    if (!host.framework.fitsOn(pod, overlay, copy)) return true;
    copy.removePod(p.key);
    overlay.changed();
    victims.push(p);
    return false;
  };
  for (const p of violating) if (!reprieve(p)) pdbViolations++;
  for (const p of fine) reprieve(p);
  if (violating.length > 0 && fine.length > 0) victims.sort(moreImportant);
  return { victims, pdbViolations };
}

/** pickOneNodeForPreemption: the candidate that hurts least, by upstream's tie-breakers. */
export function pickOneNode(candidates: readonly Candidate[]): Candidate | undefined {
  const noVictims = candidates.find((c) => c.victims.length === 0);
  if (noVictims) return noVictims;
  const criteria: ((c: Candidate) => number)[] = [
    (c) => -c.pdbViolations,
    (c) => -(c.victims[0]?.priority ?? 0),
    (c) => -c.victims.reduce((sum, v) => sum + v.priority + 2147483648, 0),
    (c) => -c.victims.length,
    (c) => {
      const top = c.victims[0]?.priority ?? 0;
      let earliest = Number.POSITIVE_INFINITY;
      for (const v of c.victims)
        if (v.priority === top && v.startTimeMs < earliest) earliest = v.startTimeMs;
      return earliest;
    },
  ];
  let remaining = [...candidates];
  for (const score of criteria) {
    if (remaining.length <= 1) break;
    let best = Number.NEGATIVE_INFINITY;
    for (const c of remaining) best = Math.max(best, score(c));
    remaining = remaining.filter((c) => score(c) === best);
  }
  return remaining[0];
}

function message(numAllNodes: number, statuses: readonly Status[]): string {
  return `preemption: 0/${String(numAllNodes)} nodes are available: ${formatHistogram(
    statuses.map((s) => s.reasons),
  )}.`;
}

/** The PostFilter: decide whether and where to preempt. */
export function preempt(
  host: PreemptionHost,
  pod: PodInfo,
  failures: ReadonlyMap<NodeInfo, FilterFailure>,
): PreemptionOutcome {
  if (pod.pod.spec?.preemptionPolicy === 'Never')
    return { message: `preemption: ${MSG_POLICY_NEVER}`, clearNomination: false };
  const nominated = pod.pod.status?.nominatedNodeName;
  if (nominated) {
    const info = host.snapshot.nodeInfo(nominated);
    const failure = info ? failures.get(info) : undefined;
    if (info && failure?.status.code !== 'UnschedulableAndUnresolvable') {
      for (const p of info.pods.values())
        if (p.priority < pod.priority && host.isTerminatingByPreemption(p))
          return { message: `preemption: ${MSG_TERMINATING}`, clearNomination: false };
    }
  }
  const all = host.snapshot.nodeInfos;
  const statuses: Status[] = [];
  const potential: NodeInfo[] = [];
  for (const node of all) {
    const failure = failures.get(node);
    if (failure?.status.code === 'UnschedulableAndUnresolvable')
      statuses.push({ code: 'UnschedulableAndUnresolvable', reasons: [MSG_NOT_HELPFUL] });
    else potential.push(node);
  }
  if (potential.length === 0)
    return { message: message(all.length, statuses), clearNomination: true };
  const pdbs = pdbsOf(host.snapshot);
  const { minCandidateNodesPercentage: pct, minCandidateNodesAbsolute: abs } = host.args;
  let wanted = Math.trunc((potential.length * pct) / 100);
  if (wanted < abs) wanted = abs;
  if (wanted > potential.length) wanted = potential.length;
  const offset = host.randomInt(potential.length);
  const candidates: Candidate[] = [];
  let nonViolating = 0;
  for (let i = 0; i < potential.length; i++) {
    const node = potential[(offset + i) % potential.length] as NodeInfo;
    const result = selectVictimsOnNode(host, pod, node, pdbs);
    if ('status' in result) {
      statuses.push(result.status);
      continue;
    }
    candidates.push({ node, victims: result.victims, pdbViolations: result.pdbViolations });
    if (result.pdbViolations === 0) nonViolating++;
    if (nonViolating >= wanted) break;
  }
  const candidate = pickOneNode(candidates);
  if (!candidate) return { message: message(all.length, statuses), clearNomination: true };
  return { candidate, message: '', clearNomination: false };
}
