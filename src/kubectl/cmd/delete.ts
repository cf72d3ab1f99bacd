/**
 * `kubectl delete`: by type and name, `type/name`, `-f`, `-l` or `--all`. Waits (in virtual time)
 * until the objects are gone, as kubectl's default `--wait=true` does.
 */
import { objectsFromFlags } from '../manifest/objectsFromFlags.ts';
import type { KubeObject, ResourceType } from '../../sim/index.ts';
import { matchesSelector, parseSelector, qualifiedResource } from '../../sim/index.ts';
import { KubectlError, type Command, type CommandContext } from '../command.ts';
import { describeError } from '../errors.ts';
import { kindPrefix, resolveResource } from '../resources.ts';
import { flagBool, flagInt, flagString, flagStrings } from '../shell/flags.ts';

interface Target {
  readonly type: ResourceType;
  readonly namespace: string;
  readonly name: string;
}

const WAIT_STEP_MS = 100;
const WAIT_LIMIT_MS = 10 * 60_000;

export const deleteCommand: Command = {
  name: 'delete',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'force', type: 'bool' },
    { name: 'now', type: 'bool' },
    { name: 'wait', type: 'bool' },
    { name: 'cascade', type: 'string' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'recursive', short: 'R', type: 'bool' },
  ],
  run(ctx, args) {
    const namespace = flagString(args.flags, 'namespace') ?? ctx.namespace;
    const targets: Target[] = [];
    let exitCode = 0;
    const files = flagStrings(args.flags, 'filename');
    if (files.length > 0) {
      for (const item of objectsFromFlags(ctx, args)) {
        if (!item.ok) {
          ctx.err(`${item.message}\n`);
          exitCode = 1;
        } else
          targets.push({
            type: item.type,
            namespace: item.object.metadata.namespace ?? '',
            name: item.object.metadata.name ?? '',
          });
      }
    } else {
      targets.push(
        ...selectTargets(
          ctx,
          args.positional,
          namespace,
          flagString(args.flags, 'selector'),
          flagBool(args.flags, 'all'),
          flagBool(args.flags, 'all-namespaces'),
        ),
      );
    }
    let grace = flagInt(args.flags, 'grace-period');
    if (flagBool(args.flags, 'now')) grace = 1;
    const force = flagBool(args.flags, 'force');
    if (force && grace === 0) {
      ctx.err(
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      );
    }
    const cascade = flagString(args.flags, 'cascade') ?? 'background';
    const propagationPolicy =
      cascade === 'orphan' ? 'Orphan' : cascade === 'foreground' ? 'Foreground' : 'Background';
    const deleted: Target[] = [];
    for (const target of targets) {
      const resource = qualifiedResource(target.type);
      try {
        ctx.cluster.api.delete(resource, target.namespace, target.name, {
          actor: 'kubectl',
          propagationPolicy,
          ...(grace !== undefined ? { gracePeriodSeconds: force && grace === 0 ? 0 : grace } : {}),
        });
        ctx.out(
          `${kindPrefix(target.type)} "${target.name}" ${force && grace === 0 ? 'force deleted' : 'deleted'}\n`,
        );
        deleted.push(target);
      } catch (error) {
        if (flagBool(args.flags, 'ignore-not-found')) continue;
        ctx.err(`${describeError(error)}\n`);
        exitCode = 1;
      }
    }
    ctx.cluster.settle();
    if (args.flags.get('wait') !== false) waitUntilGone(ctx, deleted);
    return exitCode;
  },
};

function selectTargets(
  ctx: CommandContext,
  positional: readonly string[],
  namespace: string,
  selectorText: string | undefined,
  all: boolean,
  allNamespaces: boolean,
): Target[] {
  const first = positional[0];
  if (first === undefined) {
    throw new KubectlError(
      "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  }
  const api = ctx.cluster.api;
  if (positional.some((p) => p.includes('/'))) {
    return positional.map((p) => {
      const [typeText = '', name = ''] = p.split('/');
      const type = resolveResource(typeText);
      return { type, namespace: type.namespaced ? namespace : '', name };
    });
  }
  const types = first.split(',').map(resolveResource);
  const names = positional.slice(1);
  if (names.length > 0) {
    return types.flatMap((type) =>
      names.map((name) => ({ type, namespace: type.namespaced ? namespace : '', name })),
    );
  }
  if (!all && selectorText === undefined) {
    throw new KubectlError('resource(s) were provided, but no name was specified');
  }
  const selector = selectorText === undefined ? [] : parseSelector(selectorText);
  return types.flatMap((type) => {
    const items: KubeObject[] =
      type.namespaced && !allNamespaces
        ? api.list(qualifiedResource(type), namespace)
        : api.list(qualifiedResource(type));
    return items
      .filter((o) => matchesSelector(o.metadata.labels, selector))
      .map((o) => ({ type, namespace: o.metadata.namespace ?? '', name: o.metadata.name ?? '' }));
  });
}

/** kubectl waits for deletion to finish: virtual time runs until the objects are gone. */
function waitUntilGone(ctx: CommandContext, targets: readonly Target[]): void {
  const api = ctx.cluster.api;
  const remaining = (): boolean =>
    targets.some((t) => api.get(qualifiedResource(t.type), t.namespace, t.name) !== undefined);
  for (let waited = 0; remaining() && waited < WAIT_LIMIT_MS; waited += WAIT_STEP_MS)
    ctx.cluster.advance(WAIT_STEP_MS);
}
