/** `kubectl create deployment|job|cronjob`: the workload generators (pkg/cmd/create). */
import type { KubeObject } from '../../../sim/index.ts';
import { KubectlError } from '../../command.ts';
import { flagInt, flagString, flagStrings, type ParsedArgs } from '../../shell/flags.ts';
import type { Generator } from './generator.ts';
import { containerNameFromImage, explicitNamespace, objectMeta, oneName } from './output.ts';

export const deploymentGenerator: Generator = {
  name: 'deployment',
  aliases: ['deploy'],
  flags: [
    { name: 'image', type: 'strings' },
    { name: 'replicas', short: 'r', type: 'int' },
    { name: 'port', type: 'int' },
  ],
  build(_ctx, args) {
    const images = flagStrings(args.flags, 'image');
    if (images.length === 0) throw new KubectlError('required flag(s) "image" not set');
    const name = oneName(args, 'create deployment');
    const labels = { app: name };
    const port = flagInt(args.flags, 'port');
    const command = args.afterDash;
    const containers = images.map((image, i) => ({
      name: containerNameFromImage(image),
      image,
      ...(i === 0 && command.length > 0 ? { command } : {}),
      ...(i === 0 && port !== undefined && port >= 0 ? { ports: [{ containerPort: port }] } : {}),
      resources: {},
    }));
    return {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: objectMeta(name, explicitNamespace(args), { labels }),
      spec: {
        replicas: flagInt(args.flags, 'replicas') ?? 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { creationTimestamp: null, labels },
          spec: { containers },
        },
        strategy: {},
      },
      status: {},
    };
  },
};

function jobPodTemplate(name: string, image: string, command: string[], restartPolicy: string) {
  return {
    metadata: { creationTimestamp: null },
    spec: {
      containers: [{ name, image, ...(command.length > 0 ? { command } : {}), resources: {} }],
      restartPolicy,
    },
  };
}

function requireImage(args: ParsedArgs, from: boolean): string {
  const image = flagString(args.flags, 'image');
  if (image === undefined && !from)
    throw new KubectlError('either --image or --from must be specified');
  return image ?? '';
}

export const jobGenerator: Generator = {
  name: 'job',
  flags: [
    { name: 'image', type: 'string' },
    { name: 'from', type: 'string' },
  ],
  build(ctx, args) {
    const from = flagString(args.flags, 'from');
    const image = requireImage(args, from !== undefined);
    const name = oneName(args, 'create job');
    if (from !== undefined) return jobFromCronJob(ctx, args, name, from);
    return {
      kind: 'Job',
      apiVersion: 'batch/v1',
      metadata: objectMeta(name, explicitNamespace(args)),
      spec: { template: jobPodTemplate(name, image, args.afterDash, 'Never') },
      status: {},
    };
  },
};

function jobFromCronJob(
  ctx: Parameters<Generator['build']>[0],
  args: ParsedArgs,
  name: string,
  from: string,
): KubeObject {
  const [kind = '', source = ''] = from.split('/');
  if (!['cronjob', 'cronjobs', 'cj', 'cronjob.batch', 'cronjobs.batch'].includes(kind))
    throw new KubectlError(`from must be an existing cronjob: ${from}`);
  const namespace = flagString(args.flags, 'namespace') ?? ctx.namespace;
  const cronJob = ctx.cluster.api.get('cronjobs.batch', namespace, source);
  if (!cronJob)
    throw new KubectlError(`Error from server (NotFound): cronjobs.batch "${source}" not found`);
  const spec = cronJob.spec as {
    jobTemplate?: { metadata?: KubeObject['metadata']; spec?: unknown };
  };
  const template = spec.jobTemplate;
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: {
      name,
      ...(explicitNamespace(args) !== undefined ? { namespace: explicitNamespace(args) } : {}),
      creationTimestamp: null,
      ...(template?.metadata?.labels ? { labels: template.metadata.labels } : {}),
      annotations: {
        'cronjob.kubernetes.io/instantiate': 'manual',
        ...template?.metadata?.annotations,
      },
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          name: source,
          uid: cronJob.metadata.uid,
          controller: true,
        },
      ],
    },
    spec: structuredClone(template?.spec ?? {}),
    status: {},
  } as unknown as KubeObject;
}

export const cronJobGenerator: Generator = {
  name: 'cronjob',
  aliases: ['cj'],
  flags: [
    { name: 'image', type: 'string' },
    { name: 'schedule', type: 'string' },
    { name: 'restart', type: 'string' },
  ],
  build(_ctx, args) {
    const image = flagString(args.flags, 'image');
    if (image === undefined) throw new KubectlError('required flag(s) "image" not set');
    const schedule = flagString(args.flags, 'schedule');
    if (schedule === undefined) throw new KubectlError('required flag(s) "schedule" not set');
    const name = oneName(args, 'create cronjob');
    const restart = flagString(args.flags, 'restart') ?? 'OnFailure';
    if (restart !== 'OnFailure' && restart !== 'Never')
      throw new KubectlError(`invalid restart policy: ${restart}`);
    return {
      kind: 'CronJob',
      apiVersion: 'batch/v1',
      metadata: objectMeta(name, explicitNamespace(args)),
      spec: {
        schedule,
        jobTemplate: {
          metadata: { name, creationTimestamp: null },
          spec: { template: jobPodTemplate(name, image, args.afterDash, restart) },
        },
      },
      status: {},
    };
  },
};
