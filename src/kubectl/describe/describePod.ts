/** describePod (describe.go): header fields, containers, conditions, volumes, QoS, events. */
import type { Container, KubeObject, Pod } from '../../sim/index.ts';
import { describeContainers, describeVolumes } from './containers.ts';
import type { DescribeContext } from './context.ts';
import {
  describeEvents,
  eventsFor,
  printAnnotations,
  printLabels,
  printTolerations,
  rfc1123,
  since,
} from './helpers.ts';
import { PrefixWriter } from './tabWriter.ts';

/** qos.GetPodQOS: status.qosClass when set, otherwise computed from requests and limits. */
export function podQos(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const containers: Container[] = [
    ...(pod.spec?.initContainers ?? []),
    ...(pod.spec?.containers ?? []),
  ];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length > 0 || Object.keys(lim).length > 0) any = true;
    for (const r of ['cpu', 'memory']) {
      const l = lim[r];
      if (l === undefined || (req[r] !== undefined && req[r] !== l)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function controllerOf(obj: KubeObject): string {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

export function describePod(obj: KubeObject, ctx: DescribeContext): string {
  const pod = obj as Pod;
  const spec = pod.spec;
  const status = pod.status ?? {};
  const meta = obj.metadata;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
  if (spec?.priority !== undefined) w.write(0, `Priority:\t${String(spec.priority)}\n`);
  if (spec?.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec?.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec?.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(
    0,
    spec?.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n',
  );
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123(status.startTime)}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, ctx.now)})\n`);
    w.write(0, `Termination Grace Period:\t${String(meta.deletionGracePeriodSeconds ?? 0)}s\n`);
  } else w.write(0, `Status:\t${status.phase ?? ''}\n`);
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  const ips = status.podIPs ?? [];
  if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${ip.ip ?? ''}\n`);
  }
  const controlledBy = controllerOf(obj);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if ((spec?.initContainers ?? []).length > 0)
    describeContainers(
      w,
      'Init Containers',
      spec?.initContainers ?? [],
      status.initContainerStatuses,
      pod,
      '',
    );
  describeContainers(w, 'Containers', spec?.containers ?? [], status.containerStatuses, pod, '');
  if ((spec?.readinessGates ?? []).length > 0) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec?.readinessGates ?? []) {
      const c = (status.conditions ?? []).find((x) => x.type === g.conditionType);
      w.write(1, `${g.conditionType} \t${c?.status ?? '<none>'} \n`);
    }
  }
  if ((status.conditions ?? []).length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions ?? []) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec?.volumes, '');
  w.write(0, `QoS Class:\t${podQos(pod)}\n`);
  printLabels(w, 'Node-Selectors', spec?.nodeSelector);
  printTolerations(w, 'Tolerations', spec?.tolerations);
  if (ctx.showEvents)
    describeEvents(w, eventsFor(ctx.api.list('events', meta.namespace), obj), ctx.now);
  return w.toString();
}
