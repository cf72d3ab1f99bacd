/** `kubectl scale`: sets spec.replicas through the scale subresource. */
import { qualifiedResource } from '../../sim/index.ts';
import { KubectlError, type Command } from '../command.ts';
import { describeError } from '../errors.ts';
import { kindPrefix, resolveResource } from '../resources.ts';
import { flagInt, flagString } from '../shell/flags.ts';

const SCALABLE = new Set([
  'deployments.apps',
  'replicasets.apps',
  'statefulsets.apps',
  'replicationcontrollers',
]);

export const scaleCommand: Command = {
  name: 'scale',
  flags: [
    { name: 'replicas', type: 'int' },
    { name: 'current-replicas', type: 'int' },
    { name: 'filename', short: 'f', type: 'strings' },
  ],
  run(ctx, args) {
    const replicas = flagInt(args.flags, 'replicas');
    if (replicas === undefined) throw new KubectlError('required flag(s) "replicas" not set');
    if (replicas < 0)
      throw new KubectlError(
        'The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
      );
    const namespace = flagString(args.flags, 'namespace') ?? ctx.namespace;
    const targets = args.positional.some((p) => p.includes('/'))
      ? args.positional.map((p) => ({
          typeText: p.split('/')[0] ?? '',
          name: p.split('/')[1] ?? '',
        }))
      : args.positional.slice(1).map((name) => ({ typeText: args.positional[0] ?? '', name }));
    if (targets.length === 0)
      throw new KubectlError('resource(s) were provided, but no name was specified');
    let exitCode = 0;
    for (const { typeText, name } of targets) {
      const type = resolveResource(typeText);
      const resource = qualifiedResource(type);
      if (!SCALABLE.has(resource)) {
        ctx.err(`error: no scaler has been implemented for {"${type.group}" "${type.kind}"}\n`);
        exitCode = 1;
        continue;
      }
      try {
        const current = flagInt(args.flags, 'current-replicas');
        ctx.cluster.api.mutate(
          resource,
          namespace,
          name,
          (draft) => {
            const spec = draft.spec as { replicas?: number };
            if (current !== undefined && (spec.replicas ?? 1) !== current) {
              throw new KubectlError(
                `Expected replicas to be ${String(current)}, was ${String(spec.replicas ?? 1)}`,
              );
            }
            spec.replicas = replicas;
          },
          { actor: 'kubectl' },
        );
        ctx.out(`${kindPrefix(type)}/${name} scaled\n`);
      } catch (error) {
        if (error instanceof KubectlError) throw error;
        ctx.err(`${describeError(error)}\n`);
        exitCode = 1;
      }
    }
    return exitCode;
  },
};
