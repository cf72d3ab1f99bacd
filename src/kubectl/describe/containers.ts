/** describe.go's container sections: ports, state, resources, probes, environment, mounts. */
import type { Container, ContainerState, ContainerStatus, Pod, PodSpec } from '../../sim/index.ts';
import { formatMilliCpu, milliCpu } from '../../sim/index.ts';
import { printLabels, printTolerations, rfc1123 } from './helpers.ts';
import type { PrefixWriter } from './tabWriter.ts';

type Probe = NonNullable<Container['livenessProbe']>;
type Volume = NonNullable<PodSpec['volumes']>[number];

function ports(container: Container, host: boolean): string {
  return (container.ports ?? [])
    .map((p) => {
      const text = `${String(host ? (p.hostPort ?? 0) : p.containerPort)}/${p.protocol ?? 'TCP'}`;
      return p.name ? `${text} (${p.name})` : text;
    })
    .join(', ');
}

/** Quantity.String() for the common cases: cpu canonicalised (`500m`, `1`), others as written. */
export function quantityString(name: string, value: string | number): string {
  if (name === 'cpu') return formatMilliCpu(milliCpu(value));
  return String(value);
}

function describeState(w: PrefixWriter, name: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${String(t.exitCode)}\n`);
    if ((t.signal ?? 0) > 0) w.write(3, `Signal:\t${String(t.signal)}\n`);
    w.write(3, `Started:\t${rfc1123(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123(t.finishedAt)}\n`);
  } else w.write(2, `${name}:\tWaiting\n`);
}

export function describeProbe(probe: Probe): string {
  const attrs = `delay=${String(probe.initialDelaySeconds ?? 0)}s timeout=${String(probe.timeoutSeconds ?? 1)}s period=${String(probe.periodSeconds ?? 10)}s #success=${String(probe.successThreshold ?? 1)} #failure=${String(probe.failureThreshold ?? 3)}`;
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(' ')}] ${attrs}`;
  if (probe.httpGet) {
    const g = probe.httpGet;
    const scheme = (g.scheme ?? 'HTTP').toLowerCase();
    return `http-get ${scheme}://${g.host ?? ''}:${String(g.port)}${g.path ?? ''} ${attrs}`;
  }
  if (probe.tcpSocket)
    return `tcp-socket ${probe.tcpSocket.host ?? ''}:${String(probe.tcpSocket.port)} ${attrs}`;
  if (probe.grpc)
    return `grpc <pod>:${String(probe.grpc.port)} ${probe.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeResources(w: PrefixWriter, c: Container, level: number): void {
  for (const [title, list] of [
    ['Limits', c.resources?.limits],
    ['Requests', c.resources?.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names)
      w.write(level + 1, `${name}:\t${quantityString(name, list?.[name] ?? '')}\n`);
  }
}

function describeEnv(w: PrefixWriter, c: Container, pod: Pod | undefined): void {
  const env = c.env ?? [];
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '').split('\n').forEach((s, i) => {
        w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`);
      });
    } else if (from.fieldRef) {
      const value = from.fieldRef.fieldPath === 'metadata.name' ? (pod?.metadata?.name ?? '') : '';
      w.write(
        3,
        `${e.name}:\t${value} (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})\n`,
      );
    } else if (from.resourceFieldRef) {
      w.write(3, `${e.name}:\t (${from.resourceFieldRef.resource})\n`);
    } else if (from.secretKeyRef) {
      const r = from.secretKeyRef;
      w.write(
        3,
        `${e.name}:\t<set to the key '${r.key}' in secret '${r.name ?? ''}'>\tOptional: ${String(r.optional === true)}\n`,
      );
    } else if (from.configMapKeyRef) {
      const r = from.configMapKeyRef;
      w.write(
        3,
        `${e.name}:\t<set to the key '${r.key}' of config map '${r.name ?? ''}'>\tOptional: ${String(r.optional === true)}\n`,
      );
    }
  }
}

function describeEnvFrom(w: PrefixWriter, c: Container): void {
  w.write(2, 'Environment Variables from:\n');
  for (const e of c.envFrom ?? []) {
    const from = e.configMapRef ? 'ConfigMap' : 'Secret';
    const ref = e.configMapRef ?? e.secretRef;
    const optional = String(ref?.optional === true);
    if (e.prefix)
      w.write(3, `${ref?.name ?? ''}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
    else w.write(3, `${ref?.name ?? ''}\t${from}\tOptional: ${optional}\n`);
  }
}

function describeMounts(w: PrefixWriter, c: Container): void {
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1));
  w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path="${m.subPath}"`] : [])];
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
}

export function describeContainers(
  w: PrefixWriter,
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  pod: Pod | undefined,
  space: string,
): void {
  w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = statuses?.find((s) => s.name === c.name);
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.write(2, `Image ID:\t${status.imageID}\n`);
    const p = ports(c, false);
    w.write(2, p.includes(',') ? `Ports:\t${p}\n` : `Port:\t${p || '<none>'}\n`);
    const hp = ports(c, true);
    w.write(2, hp.includes(',') ? `Host Ports:\t${hp}\n` : `Host Port:\t${hp || '<none>'}\n`);
    if ((c.command ?? []).length > 0) {
      w.write(2, 'Command:\n');
      for (const part of c.command ?? []) for (const s of part.split('\n')) w.write(3, `${s}\n`);
    }
    if ((c.args ?? []).length > 0) {
      w.write(2, 'Args:\n');
      for (const part of c.args ?? []) for (const s of part.split('\n')) w.write(3, `${s}\n`);
    }
    if (status) {
      describeState(w, 'State', status.state);
      if (status.lastState?.terminated) describeState(w, 'Last State', status.lastState);
      w.write(2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${String(status.restartCount)}\n`);
    }
    describeResources(w, c, 2);
    if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    if ((c.envFrom ?? []).length > 0) describeEnvFrom(w, c);
    describeEnv(w, c, pod);
    describeMounts(w, c);
  }
}

export function describeVolumes(
  w: PrefixWriter,
  volumes: readonly Volume[] | undefined,
  space: string,
): void {
  if (!volumes || volumes.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`);
    if (v.emptyDir) {
      w.write(
        2,
        `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${v.emptyDir.sizeLimit ? v.emptyDir.sizeLimit : '<unset>'}\n`,
      );
    } else if (v.hostPath) {
      w.write(
        2,
        `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`,
      );
    } else if (v.configMap) {
      w.write(
        2,
        `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${String(v.configMap.optional === true)}\n`,
      );
    } else if (v.secret) {
      w.write(
        2,
        `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${String(v.secret.optional === true)}\n`,
      );
    } else if (v.persistentVolumeClaim) {
      w.write(
        2,
        `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${String(v.persistentVolumeClaim.readOnly === true)}\n`,
      );
    } else if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of v.projected.sources ?? []) {
        if (s.secret)
          w.write(
            2,
            `SecretName:\t${s.secret.name ?? ''}\n    Optional:\t${String(s.secret.optional === true)}\n`,
          );
        else if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
        else if (s.configMap)
          w.write(
            2,
            `ConfigMapName:\t${s.configMap.name ?? ''}\n    Optional:\t${String(s.configMap.optional === true)}\n`,
          );
        else if (s.serviceAccountToken)
          w.write(
            2,
            `TokenExpirationSeconds:\t${String(s.serviceAccountToken.expirationSeconds ?? 3607)}\n`,
          );
      }
    } else w.write(1, '<unknown>\n');
  }
}

/** DescribePodTemplate: the `Pod Template:` section of workload describers. */
export function describePodTemplate(
  w: PrefixWriter,
  template:
    | {
        metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
        spec?: Pod['spec'];
      }
    | undefined,
): void {
  w.write(0, 'Pod Template:\n');
  if (!template) {
    w.write(1, '<unset>');
    return;
  }
  printLabels(w, '  Labels', template.metadata?.labels);
  const annotations = template.metadata?.annotations ?? {};
  if (Object.keys(annotations).length > 0) {
    w.write(0, '  Annotations:\t');
    Object.keys(annotations)
      .sort()
      .forEach((key, i) => {
        if (i !== 0) w.write(0, '\t');
        w.write(0, `${key}: ${annotations[key] ?? ''}\n`);
      });
  }
  const spec = template.spec;
  if (spec?.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec?.initContainers ?? []).length > 0)
    describeContainers(
      w,
      'Init Containers',
      spec?.initContainers ?? [],
      undefined,
      undefined,
      '  ',
    );
  describeContainers(w, 'Containers', spec?.containers ?? [], undefined, undefined, '  ');
  describeVolumes(w, spec?.volumes, '  ');
  if (spec?.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabels(w, '  Node-Selectors', spec?.nodeSelector);
  printTolerations(w, '  Tolerations', spec?.tolerations);
}
