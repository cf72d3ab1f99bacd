/** `kubectl apply -f`: every valid object is applied; each invalid one is reported, as kubectl does. */
import { objectsFromFlags } from '../manifest/objectsFromFlags.ts';
import type { FieldValidation } from '../../sim/index.ts';
import { KubectlError, type Command } from '../command.ts';
import { describeError } from '../errors.ts';
import { applyObject } from '../manifest/applyObject.ts';
import { toJson, toYaml } from '../printers/yaml.ts';
import { flagBool, flagString } from '../shell/flags.ts';

/** kubectl's `--validate` values (cmdutil.GetValidationDirective). */
function fieldValidationOf(flag: string | undefined): FieldValidation {
  switch (flag) {
    case undefined:
    case '':
    case 'true':
    case 'strict':
      return 'Strict';
    case 'warn':
      return 'Warn';
    case 'false':
    case 'ignore':
      return 'Ignore';
    default:
      throw new KubectlError(
        `invalid - validate option "${flag}"; must be one of: strict (or true), warn, ignore (or false)`,
      );
  }
}

export const applyCommand: Command = {
  name: 'apply',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'validate', type: 'string' },
    { name: 'server-side', type: 'bool' },
  ],
  run(ctx, args) {
    if (args.positional.length > 0) {
      throw new KubectlError(`Unexpected args: [${args.positional.join(' ')}]`, 'apply');
    }
    if (flagBool(args.flags, 'server-side')) {
      throw new KubectlError(
        'Kubeplay simulates client-side apply only; run the same command without --server-side',
      );
    }
    const dryRunFlag = flagString(args.flags, 'dry-run');
    if (dryRunFlag !== undefined && !['none', 'client', 'server'].includes(dryRunFlag)) {
      throw new KubectlError(
        `Invalid dry-run value (${dryRunFlag}). Must be "none", "server", or "client".`,
      );
    }
    const dryRun = dryRunFlag === 'client' || dryRunFlag === 'server';
    const fieldValidation = fieldValidationOf(flagString(args.flags, 'validate'));
    const objects = objectsFromFlags(ctx, args);
    const output = flagString(args.flags, 'output');
    let failed = false;
    const warnings: string[] = [];
    for (const item of objects) {
      if (!item.ok) {
        ctx.err(`${item.message}\n`);
        failed = true;
        continue;
      }
      try {
        const result = applyObject(ctx.cluster, item.type, item.object, {
          dryRun,
          source: item.source,
          fieldValidation,
          warnings,
        });
        for (const warning of warnings.splice(0)) ctx.err(`Warning: ${warning}\n`);
        const line =
          dryRunFlag === 'server'
            ? result.line.replace('(dry run)', '(server dry run)')
            : result.line;
        if (output === 'yaml') ctx.out(toYaml(result.object));
        else if (output === 'json') ctx.out(toJson(result.object));
        else if (output === 'name') ctx.out(`${line.split(' ')[0] ?? ''}\n`);
        else ctx.out(`${line}\n`);
      } catch (error) {
        ctx.err(`${describeError(error, { action: 'creating', source: item.source })}\n`);
        failed = true;
      }
    }
    if (objects.length === 0) throw new KubectlError('no objects passed to apply');
    return failed ? 1 : 0;
  },
};
