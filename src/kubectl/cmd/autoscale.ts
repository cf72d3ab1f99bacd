/**
 * `kubectl autoscale`: kubectl v1.32 builds an autoscaling/v1 HorizontalPodAutoscaler (that is what
 * `--dry-run=client` prints); the API server stores it as autoscaling/v2, converting
 * targetCPUUtilizationPercentage into a CPU Resource metric and applying v2's defaults.
 */
import type { KubeObject } from '../../sim/index.ts';
import { apiVersionOf, qualifiedResource } from '../../sim/index.ts';
import { KubectlError, type Command } from '../command.ts';
import { resolveResource } from '../resources.ts';
import { flagInt, flagString } from '../shell/flags.ts';
import { emitObject, explicitNamespace, OUTPUT_FLAGS } from './create/output.ts';

const SCALABLE = new Set([
  'deployments.apps',
  'replicasets.apps',
  'statefulsets.apps',
  'replicationcontrollers',
]);

interface V1Spec {
  scaleTargetRef: { kind: string; name: string; apiVersion: string };
  minReplicas?: number;
  maxReplicas: number;
  targetCPUUtilizationPercentage?: number;
}

/** The conversion the API server applies (pkg/apis/autoscaling/v1 conversion + v2 defaults). */
export function hpaV1ToV2(obj: KubeObject): KubeObject {
  const spec = obj.spec as V1Spec;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: structuredClone(obj.metadata),
    spec: {
      scaleTargetRef: spec.scaleTargetRef,
      minReplicas: spec.minReplicas ?? 1,
      maxReplicas: spec.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: {
              type: 'Utilization',
              averageUtilization: spec.targetCPUUtilizationPercentage ?? 80,
            },
          },
        },
      ],
    },
  };
}

export const autoscaleCommand: Command = {
  name: 'autoscale',
  flags: [
    ...OUTPUT_FLAGS,
    { name: 'min', type: 'int' },
    { name: 'max', type: 'int' },
    { name: 'cpu-percent', type: 'int' },
    { name: 'name', type: 'string' },
  ],
  run(ctx, args) {
    const [first, second] = args.positional;
    if (first === undefined)
      throw new KubectlError(
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      );
    const max = flagInt(args.flags, 'max') ?? -1;
    const min = flagInt(args.flags, 'min') ?? -1;
    if (max < 1)
      throw new KubectlError(
        `--max=MAXPODS is required and must be at least 1, max: ${String(max)}`,
      );
    if (min > max)
      throw new KubectlError(
        `--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${String(max)}, min: ${String(min)}`,
      );
    const [typeText, name] = first.includes('/') ? first.split('/') : [first, second];
    if (name === undefined)
      throw new KubectlError('resource(s) were provided, but no name was specified');
    const type = resolveResource(typeText);
    const resource = qualifiedResource(type);
    if (!SCALABLE.has(resource))
      throw new KubectlError(
        `cannot autoscale a ${type.kind}: could not find scale subresource for ${apiVersionOf(type)}, Resource=${type.plural} in discovery information`,
      );
    const namespace = flagString(args.flags, 'namespace') ?? ctx.namespace;
    if (!ctx.cluster.api.get(resource, namespace, name)) {
      ctx.err(`Error from server (NotFound): ${resource} "${name}" not found\n`);
      return 1;
    }
    const cpu = flagInt(args.flags, 'cpu-percent') ?? -1;
    const hpa = {
      kind: 'HorizontalPodAutoscaler',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: flagString(args.flags, 'name') ?? name,
        ...(explicitNamespace(args) !== undefined ? { namespace: explicitNamespace(args) } : {}),
        creationTimestamp: null,
      },
      spec: {
        scaleTargetRef: { kind: type.kind, name, apiVersion: apiVersionOf(type) },
        ...(min >= 0 ? { minReplicas: min } : {}),
        maxReplicas: max,
        ...(cpu >= 0 ? { targetCPUUtilizationPercentage: cpu } : {}),
      },
      status: { currentReplicas: 0, desiredReplicas: 0 },
    } as unknown as KubeObject;
    return emitObject(ctx, args, hpa, { verb: 'autoscaled', toStored: hpaV1ToV2 });
  },
};
