/**
 * `kubectl describe`: one describer per kind (describe/), objects by name, by name prefix (as
 * kubectl falls back to when no object has the exact name), by selector or all of a type.
 */
import type { KubeObject, ResourceType } from '../../sim/index.ts';
import {
  matchesSelector,
  parseSelector,
  qualifiedResource,
  SelectorParseError,
} from '../../sim/index.ts';
import { KubectlError, type Command } from '../command.ts';
import { describerFor } from '../describe/describers.ts';
import { readSources } from '../manifest/readSources.ts';
import { toObjects } from '../manifest/toObjects.ts';
import { flagBool, flagString, flagStrings } from '../shell/flags.ts';
import { parseTypeNames } from './targets.ts';

export const describeCommand: Command = {
  name: 'describe',
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-events', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'chunk-size', type: 'int' },
  ],
  run(ctx, args) {
    const api = ctx.cluster.api;
    const namespace = flagString(args.flags, 'namespace') ?? ctx.namespace;
    const allNamespaces = flagBool(args.flags, 'all-namespaces');
    const describeCtx = {
      api,
      now: ctx.cluster.now(),
      showEvents: args.flags.get('show-events') !== false,
    };
    const found: { type: ResourceType; obj: KubeObject }[] = [];
    let byPrefix = false;
    let exitCode = 0;
    const files = flagStrings(args.flags, 'filename');
    if (files.length > 0) {
      for (const item of toObjects(
        readSources(ctx, files, flagBool(args.flags, 'recursive')),
        namespace,
        false,
      )) {
        if (!item.ok) {
          ctx.err(`${item.message}\n`);
          exitCode = 1;
          continue;
        }
        const live = api.get(
          qualifiedResource(item.type),
          item.object.metadata.namespace ?? '',
          item.object.metadata.name ?? '',
        );
        if (live) found.push({ type: item.type, obj: live });
        else {
          ctx.err(
            `Error from server (NotFound): ${qualifiedResource(item.type)} "${item.object.metadata.name ?? ''}" not found\n`,
          );
          exitCode = 1;
        }
      }
    } else {
      if (args.positional.length === 0)
        throw new KubectlError(
          'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
        );
      const selectorText = flagString(args.flags, 'selector');
      let selector;
      try {
        selector = selectorText === undefined ? undefined : parseSelector(selectorText);
      } catch (error) {
        if (error instanceof SelectorParseError) throw new KubectlError(error.message);
        throw error;
      }
      const pairs = parseTypeNames(args.positional);
      for (const { type, name } of pairs) {
        const resource = qualifiedResource(type);
        const ns = type.namespaced ? namespace : '';
        const all = type.namespaced && !allNamespaces ? api.list(resource, ns) : api.list(resource);
        if (name === undefined) {
          for (const obj of all)
            if (!selector || matchesSelector(obj.metadata.labels, selector))
              found.push({ type, obj });
          continue;
        }
        const exact = api.get(resource, ns, name);
        if (exact) {
          found.push({ type, obj: exact });
          continue;
        }
        // DescribeMatchingResources: fall back to every object whose name starts with the argument.
        const matches =
          pairs.length === 1 ? all.filter((o) => (o.metadata.name ?? '').startsWith(name)) : [];
        if (matches.length === 0) {
          ctx.err(`Error from server (NotFound): ${resource} "${name}" not found\n`);
          exitCode = 1;
        }
        byPrefix = matches.length > 0;
        for (const obj of matches) found.push({ type, obj });
      }
      if (found.length === 0 && exitCode === 0)
        ctx.err(
          allNamespaces
            ? 'No resources found\n'
            : `No resources found in ${namespace} namespace.\n`,
        );
    }
    const texts = found.map(({ type, obj }) =>
      describerFor(qualifiedResource(type))(obj, describeCtx),
    );
    // describe.go: "\n\n" between objects; DescribeMatchingResources ends each with "\n" instead.
    ctx.out(byPrefix ? texts.map((t) => `${t}\n`).join('') : texts.join('\n\n'));
    return exitCode;
  },
};
