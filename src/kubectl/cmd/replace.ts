/** `kubectl replace -f`: a full PUT of each object (optimistic concurrency on resourceVersion). */
import { objectsFromFlags } from '../manifest/objectsFromFlags.ts';
import { KubectlError, type Command } from '../command.ts';
import { describeError } from '../errors.ts';
import { toJson, toYaml } from '../printers/yaml.ts';
import { qualifiedResource } from '../../sim/index.ts';
import { kindPrefix } from '../resources.ts';
import { flagBool, flagString, flagStrings } from '../shell/flags.ts';
import { dryRunOf } from './create/output.ts';

export const replaceCommand: Command = {
  name: 'replace',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string' },
    { name: 'grace-period', type: 'int' },
  ],
  run(ctx, args) {
    const files = flagStrings(args.flags, 'filename');
    if (files.length === 0) throw new KubectlError('must specify one of -f and -k');
    if (args.positional.length > 0)
      throw new KubectlError(`Unexpected args: [${args.positional.join(' ')}]`, 'replace');
    const dryRun = dryRunOf(args);
    const output = flagString(args.flags, 'output');
    const force = flagBool(args.flags, 'force');
    let failed = false;
    for (const item of objectsFromFlags(ctx, args)) {
      if (!item.ok) {
        ctx.err(`${item.message}\n`);
        failed = true;
        continue;
      }
      const prefix = `${kindPrefix(item.type)}/${item.object.metadata.name ?? ''}`;
      const resource = qualifiedResource(item.type);
      try {
        let result;
        if (force) {
          // --force: delete, wait for it to go, then create (kubectl prints both lines).
          const ns = item.object.metadata.namespace ?? '';
          const name = item.object.metadata.name ?? '';
          if (ctx.cluster.api.get(resource, ns, name)) {
            ctx.cluster.api.delete(resource, ns, name, { actor: 'kubectl-replace' });
            ctx.out(`${kindPrefix(item.type)} "${name}" deleted\n`);
            for (let i = 0; i < 6000 && ctx.cluster.api.get(resource, ns, name); i++)
              ctx.cluster.advance(100);
          }
          result = ctx.cluster.api.create(item.object, {
            actor: 'kubectl-replace',
            fieldValidation: 'Strict',
          });
        } else {
          result = ctx.cluster.api.update(item.object, {
            actor: 'kubectl-replace',
            dryRun: dryRun !== 'none',
            fieldValidation: 'Strict',
          });
        }
        if (output === 'yaml') ctx.out(toYaml(result));
        else if (output === 'json') ctx.out(toJson(result));
        else if (output === 'name') ctx.out(`${prefix}\n`);
        else
          ctx.out(
            `${prefix} replaced${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}\n`,
          );
      } catch (error) {
        ctx.err(`${describeError(error, { action: 'replacing', source: item.source })}\n`);
        failed = true;
      }
    }
    return failed ? 1 : 0;
  },
};
