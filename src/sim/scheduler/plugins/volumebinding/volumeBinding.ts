/**
 * VolumeBinding, the scheduler's side: a pod's PersistentVolumeClaims must exist; unbound claims
 * of Immediate classes block scheduling; bound claims need their volume's node affinity to match;
 * WaitForFirstConsumer claims need an available matching volume on the node, or a class that can
 * provision. PreBind records the decision on the API objects (PV claimRef for a static match, the
 * selected-node annotation for provisioning). Mirrors plugins/volumebinding/{volume_binding,
 * binder}.go.
 */
import { nodeMatchesTerm } from '../../../api/helpers/nodeAffinity.ts';
import type {
  KubeObject,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  StorageClass,
} from '../../../api/types/index.ts';
import { bytes } from '../../../api/quantity.ts';
import {
  SKIP,
  SUCCESS,
  unresolvable,
  type FilterPlugin,
  type PreBindPlugin,
  type PreFilterPlugin,
} from '../../framework/interfaces.ts';
import type { PodInfo } from '../../framework/podInfo.ts';
import { VolumeBinding } from '../names.ts';

export const ErrReasonBindConflict = "node(s) didn't find available persistent volumes to bind";
export const ErrReasonNodeConflict = 'node(s) had volume node affinity conflict';
export const ErrReasonUnboundImmediate = 'pod has unbound immediate PersistentVolumeClaims';
export const ANNOTATION_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
const PREFILTER_KEY = 'PreFilter' + VolumeBinding;
const FILTER_KEY = 'Filter' + VolumeBinding;

interface Claims {
  readonly bound: readonly { claim: PersistentVolumeClaim; volume: PersistentVolume | undefined }[];
  readonly delayed: readonly { claim: PersistentVolumeClaim; cls: StorageClass | undefined }[];
  readonly volumes: readonly PersistentVolume[];
}

type Decision = Map<string, { claim: PersistentVolumeClaim; volume?: PersistentVolume }[]>;

function claimNames(pod: PodInfo): string[] {
  const names: string[] = [];
  for (const v of pod.pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim) names.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) names.push(`${pod.pod.metadata?.name ?? ''}-${v.name}`);
  }
  return names;
}

function volumeFitsNode(pv: PersistentVolume, node: Node): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return true;
  return terms.some((t) => nodeMatchesTerm(node, t));
}

function volumeMatchesClaim(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  if (pv.spec?.claimRef) return false;
  if ((pv.spec?.storageClassName ?? '') !== (claim.spec?.storageClassName ?? '')) return false;
  const wanted = bytes(claim.spec?.resources?.requests?.storage ?? '0');
  if (bytes(pv.spec?.capacity?.storage ?? '0') < wanted) return false;
  const modes = pv.spec?.accessModes ?? [];
  return (claim.spec?.accessModes ?? []).every((m) => modes.includes(m));
}

function allowedTopologyFits(cls: StorageClass, node: Node): boolean {
  const topologies = cls.allowedTopologies ?? [];
  if (topologies.length === 0) return true;
  const labels = node.metadata?.labels ?? {};
  return topologies.some((t) =>
    (t.matchLabelExpressions ?? []).every((e) => e.values.includes(labels[e.key] ?? '\u0000')),
  );
}

export const volumeBinding = {
  name: VolumeBinding,
  preFilter(state, pod, snapshot) {
    const names = claimNames(pod);
    if (names.length === 0) return SKIP;
    const bound: Claims['bound'][number][] = [];
    const delayed: Claims['delayed'][number][] = [];
    for (const name of names) {
      const claim = snapshot.lister.get('persistentvolumeclaims', pod.namespace, name) as
        (KubeObject & PersistentVolumeClaim) | undefined;
      if (!claim) return unresolvable(`persistentvolumeclaim "${name}" not found`);
      if (claim.metadata.deletionTimestamp)
        return unresolvable(`persistentvolumeclaim "${name}" is being deleted`);
      const volumeName = claim.spec?.volumeName;
      if (volumeName) {
        const volume = snapshot.lister.get('persistentvolumes', '', volumeName) as
          PersistentVolume | undefined;
        bound.push({ claim, volume });
        continue;
      }
      const className = claim.spec?.storageClassName ?? '';
      const cls = className
        ? (snapshot.lister.get('storageclasses.storage.k8s.io', '', className) as
            StorageClass | undefined)
        : undefined;
      if (cls?.volumeBindingMode !== 'WaitForFirstConsumer')
        return unresolvable(ErrReasonUnboundImmediate);
      delayed.push({ claim, cls });
    }
    const volumes =
      delayed.length > 0
        ? ([...snapshot.lister.list('persistentvolumes')] as PersistentVolume[])
        : [];
    const claims: Claims = { bound, delayed, volumes };
    state.write(PREFILTER_KEY, claims);
    state.write(FILTER_KEY, new Map() satisfies Decision);
    return SUCCESS;
  },
  filter(state, _pod, nodeInfo) {
    const claims = state.read<Claims>(PREFILTER_KEY);
    if (!claims) return SUCCESS;
    const node = nodeInfo.node;
    for (const { volume } of claims.bound)
      if (volume && !volumeFitsNode(volume, node)) return unresolvable(ErrReasonNodeConflict);
    const decision: { claim: PersistentVolumeClaim; volume?: PersistentVolume }[] = [];
    const taken = new Set<PersistentVolume>();
    for (const { claim, cls } of claims.delayed) {
      const volume = claims.volumes.find(
        (pv) => !taken.has(pv) && volumeMatchesClaim(pv, claim) && volumeFitsNode(pv, node),
      );
      if (volume) {
        taken.add(volume);
        decision.push({ claim, volume });
        continue;
      }
      if (!cls || cls.provisioner === NO_PROVISIONER || !allowedTopologyFits(cls, node))
        return unresolvable(ErrReasonBindConflict);
      decision.push({ claim });
    }
    state.read<Decision>(FILTER_KEY)?.set(nodeInfo.name, decision);
    return SUCCESS;
  },
  preBind(state, _pod, nodeName, writer) {
    const decision = state.read<Decision>(FILTER_KEY)?.get(nodeName) ?? [];
    for (const { claim, volume } of decision) {
      const ns = claim.metadata?.namespace ?? 'default';
      const claimName = claim.metadata?.name ?? '';
      if (volume) {
        writer.mutate('persistentvolumes', '', volume.metadata?.name ?? '', (pv) => {
          const spec = (pv.spec ?? {}) as NonNullable<PersistentVolume['spec']>;
          spec.claimRef = {
            kind: 'PersistentVolumeClaim',
            namespace: ns,
            name: claimName,
            uid: claim.metadata?.uid ?? '',
            apiVersion: 'v1',
            resourceVersion: claim.metadata?.resourceVersion ?? '',
          };
          pv.spec = spec;
          pv.metadata.annotations = {
            ...pv.metadata.annotations,
            'pv.kubernetes.io/bound-by-controller': 'yes',
          };
        });
      } else {
        writer.mutate('persistentvolumeclaims', ns, claimName, (pvc) => {
          pvc.metadata.annotations = {
            ...pvc.metadata.annotations,
            [ANNOTATION_SELECTED_NODE]: nodeName,
          };
        });
      }
    }
    // TODO(#6): wait (up to bindTimeoutSeconds) for the PV controller to finish binding the claims.
    return SUCCESS;
  },
} satisfies PreFilterPlugin & FilterPlugin & PreBindPlugin;
