/** `kubectl cordon` and `kubectl uncordon`: spec.unschedulable on nodes (pkg/cmd/drain). */
import type { Command } from '../command.ts';
import { KubectlError } from '../command.ts';
import { describeError } from '../errors.ts';
import { flagString } from '../shell/flags.ts';
import { dryRunOf } from './create/output.ts';
import { findTargets } from './targets.ts';

function cordonCommand(name: 'cordon' | 'uncordon'): Command {
  const desired = name === 'cordon';
  return {
    name,
    flags: [
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'dry-run', type: 'string' },
    ],
    run(ctx, args) {
      const selector = flagString(args.flags, 'selector');
      if (args.positional.length === 0 && selector === undefined)
        throw new KubectlError('USAGE: ' + name + ' NODE [flags]', name);
      const dryRun = dryRunOf(args);
      const { targets, failed } = findTargets(ctx, {
        words: ['nodes', ...args.positional],
        namespace: '',
        selector,
      });
      let exitCode = failed ? 1 : 0;
      for (const { object } of targets) {
        const node = object.metadata.name ?? '';
        const current =
          (object.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true;
        const suffix =
          dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
        if (current === desired) {
          ctx.out(`node/${node} already ${name}ed${suffix}\n`);
          continue;
        }
        try {
          if (dryRun !== 'client')
            ctx.cluster.api.mutate(
              'nodes',
              '',
              node,
              (draft) => {
                const spec = (draft.spec ?? {}) as { unschedulable?: boolean };
                if (desired) spec.unschedulable = true;
                else delete spec.unschedulable;
                draft.spec = spec;
              },
              { actor: 'kubectl-cordon', dryRun: dryRun === 'server' },
            );
          ctx.out(`node/${node} ${name}ed${suffix}\n`);
        } catch (error) {
          ctx.err(`${describeError(error)}\n`);
          exitCode = 1;
        }
      }
      return exitCode;
    },
  };
}

export const cordon = cordonCommand('cordon');
export const uncordon = cordonCommand('uncordon');
