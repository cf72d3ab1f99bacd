/** `kubectl patch`: strategic merge (default), merge (RFC 7386) or json (RFC 6902) patches. */
import { load } from 'js-yaml';
import type { KubeObject } from '../../sim/index.ts';
import { KubectlError, type Command } from '../command.ts';
import { describeError } from '../errors.ts';
import { applyJsonPatch, JsonPatchError } from '../patch/jsonPatch.ts';
import { mergePatch, strategicMerge } from '../patch/strategicMerge.ts';
import { toJson, toYaml } from '../printers/yaml.ts';
import { kindPrefix } from '../resources.ts';
import { flagString } from '../shell/flags.ts';
import { dryRunOf } from './create/output.ts';
import { findTargets } from './targets.ts';
import { rejectUnsimulated } from './unsupported.ts';

const TYPES = ['json', 'merge', 'strategic'];

function parsePatch(text: string): unknown {
  try {
    return load(text);
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new KubectlError(`unable to parse "${text}": ${reason}`);
  }
}

/** Applies a patch document of the given type to an object, as the API server's patch handler. */
export function patchObject(live: KubeObject, patch: unknown, type: string): KubeObject {
  if (type === 'json') return applyJsonPatch(live, patch) as KubeObject;
  if (type === 'merge') return mergePatch(live, patch) as KubeObject;
  return strategicMerge(live, patch) as KubeObject;
}

export const patchCommand: Command = {
  name: 'patch',
  flags: [
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'patch-file', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'subresource', type: 'string' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'local', type: 'bool' },
  ],
  run(ctx, args) {
    rejectUnsimulated(args, 'patch', ['filename', 'local']);
    const type = flagString(args.flags, 'type') ?? 'strategic';
    if (!TYPES.includes(type))
      throw new KubectlError(`--type must be one of [json merge strategic], not "${type}"`);
    const file = flagString(args.flags, 'patch-file');
    let text = flagString(args.flags, 'patch');
    if (file !== undefined) {
      text = ctx.workspace.readFile(file);
      if (text === undefined)
        throw new KubectlError(
          `unable to read patch file: open ${file}: no such file or directory`,
        );
    }
    if (text === undefined)
      throw new KubectlError(
        'must specify --patch or --patch-file containing the contents of the patch',
      );
    const patch = parsePatch(text);
    const subresource = flagString(args.flags, 'subresource');
    if (subresource !== undefined && subresource !== 'status' && subresource !== 'scale')
      throw new KubectlError(
        `invalid subresource value: "${subresource}". Must be one of [status scale]`,
      );
    const dryRun = dryRunOf(args);
    const output = flagString(args.flags, 'output');
    const { targets, failed } = findTargets(ctx, {
      words: args.positional,
      namespace: flagString(args.flags, 'namespace') ?? ctx.namespace,
    });
    let exitCode = failed ? 1 : 0;
    for (const { type: rtype, object } of targets) {
      const prefix = `${kindPrefix(rtype)}/${object.metadata.name ?? ''}`;
      let next: KubeObject;
      try {
        next = patchObject(object, patch, type);
      } catch (error) {
        if (error instanceof JsonPatchError) throw new KubectlError(error.message);
        throw error;
      }
      let result: KubeObject;
      try {
        result =
          dryRun === 'client'
            ? next
            : ctx.cluster.api.update(
                {
                  ...next,
                  metadata: {
                    ...next.metadata,
                    resourceVersion: object.metadata.resourceVersion ?? '',
                  },
                },
                {
                  actor: 'kubectl-patch',
                  dryRun: dryRun === 'server',
                  ...(subresource === 'status' ? { subresource: 'status' as const } : {}),
                },
              );
      } catch (error) {
        ctx.err(`${describeError(error)}\n`);
        exitCode = 1;
        continue;
      }
      const unchanged = JSON.stringify(result) === JSON.stringify(object);
      if (output === 'yaml') ctx.out(toYaml(result));
      else if (output === 'json') ctx.out(toJson(result));
      else if (output === 'name') ctx.out(`${prefix}\n`);
      else
        ctx.out(
          `${prefix} patched${unchanged ? ' (no change)' : ''}${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}\n`,
        );
    }
    return exitCode;
  },
};
