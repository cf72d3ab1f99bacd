/**
 * What `-f`/`-R` name, turned into API objects in the namespace `-n` (or the context) gives: the
 * resource-builder step shared by apply, create, replace, diff and delete.
 */
import type { CommandContext } from '../command.ts';
import { flagBool, flagString, flagStrings, type ParsedArgs } from '../shell/flags.ts';
import { readSources } from './readSources.ts';
import { toObjects, type ObjectOrError } from './toObjects.ts';

export function objectsFromFlags(ctx: CommandContext, args: ParsedArgs): ObjectOrError[] {
  const namespaceFlag = flagString(args.flags, 'namespace');
  const docs = readSources(
    ctx,
    flagStrings(args.flags, 'filename'),
    flagBool(args.flags, 'recursive'),
  );
  return toObjects(docs, namespaceFlag ?? ctx.namespace, namespaceFlag !== undefined);
}
