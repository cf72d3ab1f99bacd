/** `kubectl explain TYPE[.field.path]` from the OpenAPI v3 schemas (explain/render.ts). */
import { KubectlError, type Command } from '../command.ts';
import { explain, ExplainError } from '../explain/render.ts';
import { resolveResource } from '../resources.ts';
import { flagBool, flagString } from '../shell/flags.ts';

export const explainCommand: Command = {
  name: 'explain',
  flags: [
    { name: 'recursive', type: 'bool' },
    { name: 'api-version', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run(ctx, args) {
    const target = args.positional[0];
    if (target === undefined)
      throw new KubectlError(
        'You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n',
      );
    if (args.positional.length > 1)
      throw new KubectlError(`We accept only this format: explain RESOURCE`, 'explain');
    const output = flagString(args.flags, 'output');
    if (output !== undefined && output !== 'plaintext')
      throw new KubectlError(
        `Kubeplay renders kubectl explain as plaintext only (got --output=${output})`,
      );
    const [typeText = '', ...path] = target.split('.');
    let type;
    try {
      type = resolveResource(typeText);
    } catch {
      // explain prints the discovery error without kubectl's "error: " prefix.
      ctx.err(`the server doesn't have a resource type "${typeText}"\n`);
      return 1;
    }
    const apiVersion = flagString(args.flags, 'api-version');
    if (
      apiVersion !== undefined &&
      apiVersion !== (type.group ? `${type.group}/${type.version}` : type.version)
    )
      throw new KubectlError(`couldn't find resource for "${apiVersion}, Resource=${type.plural}"`);
    try {
      ctx.out(
        explain(
          { group: type.group, version: type.version, kind: type.kind },
          path,
          flagBool(args.flags, 'recursive'),
        ),
      );
    } catch (error) {
      if (error instanceof ExplainError) {
        ctx.out(error.printed);
        throw new KubectlError(error.message);
      }
      throw error;
    }
    return 0;
  },
};
