/**
 * `kubectl edit`: the engine hands the live object to an editor as kubectl writes it to the temp
 * file, and applies what comes back (`edited`, `Edit cancelled, no changes made.`). The browser
 * terminal opens it in the editor panel; a script or the CLI has no editor, so edit says so.
 */
import { load } from 'js-yaml';
import type { KubeObject } from '../../sim/index.ts';
import { KubectlError, type Command, type CommandResult, type EditSession } from '../command.ts';
import { describeError } from '../errors.ts';
import { toYaml } from '../printers/yaml.ts';
import { kindPrefix } from '../resources.ts';
import { flagString } from '../shell/flags.ts';
import { findTargets } from './targets.ts';
import { rejectUnsimulated } from './unsupported.ts';

export const EDIT_HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
  '# reopened with the relevant failures.\n' +
  '#\n';

function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n');
}

export const editCommand: Command = {
  name: 'edit',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string' },
    { name: 'subresource', type: 'string' },
  ],
  run(ctx, args) {
    rejectUnsimulated(args, 'edit', ['filename', 'output', 'subresource']);
    if (args.positional.length === 0)
      throw new KubectlError(
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      );
    const { targets, failed } = findTargets(ctx, {
      words: args.positional,
      namespace: flagString(args.flags, 'namespace') ?? ctx.namespace,
    });
    if (failed) return 1;
    const target = targets[0];
    if (!target) return 0;
    if (targets.length > 1)
      throw new KubectlError('Kubeplay edits one object at a time: name a single object');
    if (!ctx.edit)
      throw new KubectlError(
        'kubectl edit needs an editor: in the browser it opens the object in the editor panel; in scripts use kubectl apply -f, kubectl patch or kubectl replace instead',
      );
    const { type, object } = target;
    const prefix = `${kindPrefix(type)}/${object.metadata.name ?? ''}`;
    const original = `${EDIT_HEADER}${toYaml(object)}`;
    const api = ctx.cluster.api;
    const session: EditSession = {
      title: `${prefix} (kubectl edit)`,
      text: original,
      save(text: string): CommandResult {
        const body = stripComments(text);
        if (body.trim() === '' || text === original)
          return { exitCode: 0, stdout: 'Edit cancelled, no changes made.\n', stderr: '' };
        let edited: KubeObject;
        try {
          edited = load(body) as KubeObject;
        } catch (error) {
          const reason =
            error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
          return { exitCode: 1, stdout: '', stderr: `error: ${reason}\n` };
        }
        try {
          const result = api.update(edited, { actor: 'kubectl-edit', fieldValidation: 'Strict' });
          ctx.cluster.settle();
          return result.metadata.resourceVersion === object.metadata.resourceVersion
            ? { exitCode: 0, stdout: 'Edit cancelled, no changes made.\n', stderr: '' }
            : { exitCode: 0, stdout: `${prefix} edited\n`, stderr: '' };
        } catch (error) {
          return { exitCode: 1, stdout: '', stderr: `${describeError(error)}\n` };
        }
      },
    };
    ctx.edit(session);
    return 0;
  },
};
