/**
 * `kubectl get` columns for workload, configuration, storage, policy and RBAC kinds, as
 * pkg/printers/internalversion/printers.go defines them (v1.32).
 */
import type { CronJob, Job, KubeObject, StatefulSet } from '../../sim/index.ts';
import { formatLabelSelector, parseRfc3339 } from '../../sim/index.ts';
import type { ColumnSet } from './columns.ts';
import { humanDuration } from './humanDuration.ts';

function age(timestamp: string | undefined | null, now: number): string {
  const t = timestamp ? parseRfc3339(timestamp) : undefined;
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

const name = (obj: KubeObject): string => obj.metadata.name ?? '';

function containersAndImages(
  spec: { containers?: { name: string; image?: string }[] } | undefined,
): string[] {
  const containers = spec?.containers ?? [];
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(',')];
}

const statefulsets: ColumnSet = {
  headers: ['NAME', 'READY', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES'],
  row(obj, now) {
    const sts = obj as StatefulSet;
    return [
      name(obj),
      `${String(sts.status?.readyReplicas ?? 0)}/${String(sts.spec?.replicas ?? 1)}`,
      age(obj.metadata.creationTimestamp, now),
    ];
  },
  wideRow(obj) {
    return containersAndImages((obj as StatefulSet).spec?.template.spec);
  },
};

function hasCondition(obj: KubeObject, type: string): boolean {
  const conditions =
    (obj.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ??
    [];
  return conditions.some((c) => c.type === type && c.status === 'True');
}

const jobs: ColumnSet = {
  headers: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(obj, now) {
    const job = obj as Job;
    let status = 'Running';
    if (hasCondition(obj, 'Complete')) status = 'Complete';
    else if (hasCondition(obj, 'Failed')) status = 'Failed';
    else if (obj.metadata.deletionTimestamp) status = 'Terminating';
    else if (hasCondition(obj, 'Suspended')) status = 'Suspended';
    else if (hasCondition(obj, 'FailureTarget')) status = 'FailureTarget';
    const succeeded = job.status?.succeeded ?? 0;
    const parallelism = job.spec?.parallelism ?? 0;
    const completions =
      job.spec?.completions !== undefined
        ? `${String(succeeded)}/${String(job.spec.completions)}`
        : parallelism > 1
          ? `${String(succeeded)}/1 of ${String(parallelism)}`
          : `${String(succeeded)}/1`;
    const start = job.status?.startTime ? parseRfc3339(job.status.startTime) : undefined;
    const end = job.status?.completionTime ? parseRfc3339(job.status.completionTime) : undefined;
    const duration = start === undefined ? '' : humanDuration((end ?? now) - start);
    return [name(obj), status, completions, duration, age(obj.metadata.creationTimestamp, now)];
  },
  wideRow(obj) {
    const job = obj as Job;
    return [
      ...containersAndImages(job.spec?.template.spec),
      formatLabelSelector(job.spec?.selector),
    ];
  },
};

const cronjobs: ColumnSet = {
  headers: ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(obj, now) {
    const cj = obj as CronJob;
    const suspend = cj.spec?.suspend;
    const last = cj.status?.lastScheduleTime;
    return [
      name(obj),
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      suspend === undefined ? '<unset>' : suspend ? 'True' : 'False',
      String((cj.status?.active ?? []).length),
      last ? age(last, now) : '<none>',
      age(obj.metadata.creationTimestamp, now),
    ];
  },
  wideRow(obj) {
    const spec = (obj as CronJob).spec?.jobTemplate.spec;
    return [...containersAndImages(spec?.template.spec), formatLabelSelector(spec?.selector)];
  },
};

const count = (value: unknown): number =>
  value !== null && typeof value === 'object' ? Object.keys(value).length : 0;

const configmaps: ColumnSet = {
  headers: ['NAME', 'DATA', 'AGE'],
  row(obj, now) {
    return [
      name(obj),
      String(count(obj.data) + count(obj.binaryData)),
      age(obj.metadata.creationTimestamp, now),
    ];
  },
};

const secrets: ColumnSet = {
  headers: ['NAME', 'TYPE', 'DATA', 'AGE'],
  row(obj, now) {
    return [
      name(obj),
      typeof obj.type === 'string' ? obj.type : '',
      String(count(obj.data)),
      age(obj.metadata.creationTimestamp, now),
    ];
  },
};

const serviceaccounts: ColumnSet = {
  headers: ['NAME', 'SECRETS', 'AGE'],
  row(obj, now) {
    return [
      name(obj),
      String(Array.isArray(obj.secrets) ? obj.secrets.length : 0),
      age(obj.metadata.creationTimestamp, now),
    ];
  },
};

const ACCESS: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};
const modes = (list: unknown): string =>
  Array.isArray(list) ? (list as string[]).map((m) => ACCESS[m] ?? m).join(',') : '';

const persistentvolumeclaims: ColumnSet = {
  headers: [
    'NAME',
    'STATUS',
    'VOLUME',
    'CAPACITY',
    'ACCESS MODES',
    'STORAGECLASS',
    'VOLUMEATTRIBUTESCLASS',
    'AGE',
  ],
  wideHeaders: ['VOLUMEMODE'],
  row(obj, now) {
    const spec = obj.spec as
      | { volumeName?: string; storageClassName?: string; volumeAttributesClassName?: string }
      | undefined;
    const status = obj.status as
      { phase?: string; capacity?: { storage?: string }; accessModes?: string[] } | undefined;
    const bound = Boolean(spec?.volumeName);
    return [
      name(obj),
      obj.metadata.deletionTimestamp ? 'Terminating' : (status?.phase ?? ''),
      spec?.volumeName ?? '',
      bound ? (status?.capacity?.storage ?? '') : '',
      bound ? modes(status?.accessModes) : '',
      spec?.storageClassName ?? '<unset>',
      spec?.volumeAttributesClassName ?? '<unset>',
      age(obj.metadata.creationTimestamp, now),
    ];
  },
  wideRow(obj) {
    return [(obj.spec as { volumeMode?: string } | undefined)?.volumeMode ?? 'Filesystem'];
  },
};

const persistentvolumes: ColumnSet = {
  headers: [
    'NAME',
    'CAPACITY',
    'ACCESS MODES',
    'RECLAIM POLICY',
    'STATUS',
    'CLAIM',
    'STORAGECLASS',
    'VOLUMEATTRIBUTESCLASS',
    'REASON',
    'AGE',
  ],
  wideHeaders: ['VOLUMEMODE'],
  row(obj, now) {
    const spec = obj.spec as
      | {
          capacity?: { storage?: string };
          accessModes?: string[];
          persistentVolumeReclaimPolicy?: string;
          claimRef?: { namespace?: string; name?: string };
          storageClassName?: string;
          volumeAttributesClassName?: string;
        }
      | undefined;
    const status = obj.status as { phase?: string; reason?: string } | undefined;
    const claim = spec?.claimRef
      ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}`
      : '';
    return [
      name(obj),
      spec?.capacity?.storage ?? '',
      modes(spec?.accessModes),
      spec?.persistentVolumeReclaimPolicy ?? '',
      obj.metadata.deletionTimestamp ? 'Terminating' : (status?.phase ?? ''),
      claim,
      spec?.storageClassName ?? '',
      spec?.volumeAttributesClassName ?? '<unset>',
      status?.reason ?? '',
      age(obj.metadata.creationTimestamp, now),
    ];
  },
  wideRow(obj) {
    return [(obj.spec as { volumeMode?: string } | undefined)?.volumeMode ?? 'Filesystem'];
  },
};

const storageclasses: ColumnSet = {
  headers: [
    'NAME',
    'PROVISIONER',
    'RECLAIMPOLICY',
    'VOLUMEBINDINGMODE',
    'ALLOWVOLUMEEXPANSION',
    'AGE',
  ],
  row(obj, now) {
    const isDefault =
      obj.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true';
    return [
      isDefault ? `${name(obj)} (default)` : name(obj),
      typeof obj.provisioner === 'string' ? obj.provisioner : '',
      typeof obj.reclaimPolicy === 'string' ? obj.reclaimPolicy : 'Delete',
      typeof obj.volumeBindingMode === 'string' ? obj.volumeBindingMode : 'Immediate',
      String(obj.allowVolumeExpansion === true),
      age(obj.metadata.creationTimestamp, now),
    ];
  },
};

const priorityclasses: ColumnSet = {
  headers: ['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY'],
  row(obj, now) {
    return [
      name(obj),
      typeof obj.value === 'number' ? String(obj.value) : '0',
      String(obj.globalDefault === true),
      age(obj.metadata.creationTimestamp, now),
      typeof obj.preemptionPolicy === 'string' ? obj.preemptionPolicy : '',
    ];
  },
};

const resourcequotas: ColumnSet = {
  headers: ['NAME', 'AGE', 'REQUEST', 'LIMIT'],
  row(obj, now) {
    const status = obj.status as
      { hard?: Record<string, string>; used?: Record<string, string> } | undefined;
    const hard = status?.hard ?? {};
    const pairs = (limits: boolean): string =>
      Object.keys(hard)
        .sort()
        .filter((k) => k.startsWith('limits.') === limits)
        .map((k) => `${k}: ${status?.used?.[k] ?? '0'}/${hard[k] ?? ''}`)
        .join(', ');
    return [name(obj), age(obj.metadata.creationTimestamp, now), pairs(false), pairs(true)];
  },
};

const createdAt: ColumnSet = {
  headers: ['NAME', 'CREATED AT'],
  row(obj) {
    return [name(obj), obj.metadata.creationTimestamp ?? ''];
  },
};

function bindingRow(obj: KubeObject, now: number): string[] {
  const ref = obj.roleRef as { kind?: string; name?: string } | undefined;
  return [
    name(obj),
    `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
    age(obj.metadata.creationTimestamp, now),
  ];
}

function bindingWide(obj: KubeObject): string[] {
  const subjects = (obj.subjects ?? []) as { kind: string; name: string; namespace?: string }[];
  const of = (kind: string): string =>
    subjects
      .filter((s) => s.kind === kind)
      .map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name))
      .join(', ');
  return [of('User'), of('Group'), of('ServiceAccount')];
}

const rolebindings: ColumnSet = {
  headers: ['NAME', 'ROLE', 'AGE'],
  wideHeaders: ['USERS', 'GROUPS', 'SERVICEACCOUNTS'],
  row: bindingRow,
  wideRow: bindingWide,
};

const poddisruptionbudgets: ColumnSet = {
  headers: ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'],
  row(obj, now) {
    const spec = obj.spec as
      { minAvailable?: number | string; maxUnavailable?: number | string } | undefined;
    const status = obj.status as { disruptionsAllowed?: number } | undefined;
    return [
      name(obj),
      spec?.minAvailable === undefined ? 'N/A' : String(spec.minAvailable),
      spec?.maxUnavailable === undefined ? 'N/A' : String(spec.maxUnavailable),
      String(status?.disruptionsAllowed ?? 0),
      age(obj.metadata.creationTimestamp, now),
    ];
  },
};

const leases: ColumnSet = {
  headers: ['NAME', 'HOLDER', 'AGE'],
  row(obj, now) {
    return [
      name(obj),
      (obj.spec as { holderIdentity?: string } | undefined)?.holderIdentity ?? '',
      age(obj.metadata.creationTimestamp, now),
    ];
  },
};

export const MORE_COLUMN_SETS: Record<string, ColumnSet> = {
  'statefulsets.apps': statefulsets,
  'jobs.batch': jobs,
  'cronjobs.batch': cronjobs,
  configmaps,
  secrets,
  serviceaccounts,
  persistentvolumeclaims,
  persistentvolumes,
  'storageclasses.storage.k8s.io': storageclasses,
  'priorityclasses.scheduling.k8s.io': priorityclasses,
  resourcequotas,
  limitranges: createdAt,
  'roles.rbac.authorization.k8s.io': createdAt,
  'clusterroles.rbac.authorization.k8s.io': createdAt,
  'rolebindings.rbac.authorization.k8s.io': rolebindings,
  'clusterrolebindings.rbac.authorization.k8s.io': rolebindings,
  'poddisruptionbudgets.policy': poddisruptionbudgets,
  'leases.coordination.k8s.io': leases,
};
