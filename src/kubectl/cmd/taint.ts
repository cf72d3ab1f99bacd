/**
 * `kubectl taint` (pkg/cmd/taint): `key[=value]:Effect` adds, `key[:Effect]-` removes; an existing
 * taint with the same key and effect needs `--overwrite`.
 */
import type { Node, Taint } from '../../sim/index.ts';
import { KubectlError, type Command } from '../command.ts';
import { describeError } from '../errors.ts';
import { flagBool, flagString } from '../shell/flags.ts';
import { dryRunOf } from './create/output.ts';
import { findTargets } from './targets.ts';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

interface TaintChange {
  readonly key: string;
  readonly value?: string;
  readonly effect?: string;
}

function isTaintSpec(word: string): boolean {
  return word.includes(':') || word.includes('=') || word.endsWith('-');
}

function parseTaint(spec: string, removing: boolean): TaintChange {
  const colon = spec.lastIndexOf(':');
  const keyValue = colon < 0 ? spec : spec.slice(0, colon);
  const effect = colon < 0 ? undefined : spec.slice(colon + 1);
  const eq = keyValue.indexOf('=');
  const key = eq < 0 ? keyValue : keyValue.slice(0, eq);
  const value = eq < 0 ? undefined : keyValue.slice(eq + 1);
  if (effect === undefined && !removing) throw new KubectlError(`invalid taint spec: ${spec}`);
  if (effect !== undefined && effect !== '' && !EFFECTS.includes(effect))
    throw new KubectlError(`invalid taint effect: ${effect}, unsupported taint effect`);
  if (key === '') throw new KubectlError(`invalid taint spec: ${spec}`);
  return { key, ...(value !== undefined ? { value } : {}), ...(effect ? { effect } : {}) };
}

export const taintCommand: Command = {
  name: 'taint',
  flags: [
    { name: 'overwrite', type: 'bool' },
    { name: 'all', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run(ctx, args) {
    const words = args.positional.filter((w, i) => i === 0 || !isTaintSpec(w));
    const specs = args.positional.filter((w, i) => i > 0 && isTaintSpec(w));
    if (words[0] !== undefined && !/^(nodes?|no)(\/|$)/.test(words[0]))
      throw new KubectlError(
        `invalid resource type ${words[0].split('/')[0] ?? ''}, only node types are supported`,
      );
    if (specs.length === 0) throw new KubectlError('at least one taint update is required');
    const adds = specs.filter((s) => !s.endsWith('-')).map((s) => parseTaint(s, false));
    const removes = specs
      .filter((s) => s.endsWith('-'))
      .map((s) => parseTaint(s.slice(0, -1), true));
    const dryRun = dryRunOf(args);
    const { targets, failed } = findTargets(ctx, {
      words,
      namespace: '',
      selector: flagString(args.flags, 'selector'),
      all: flagBool(args.flags, 'all'),
    });
    let exitCode = failed ? 1 : 0;
    for (const { object } of targets) {
      const node = structuredClone(object) as Node;
      const name = node.metadata?.name ?? '';
      let taints: Taint[] = [...(node.spec?.taints ?? [])];
      for (const r of removes) {
        const kept = taints.filter(
          (t) => !(t.key === r.key && (r.effect === undefined || t.effect === r.effect)),
        );
        if (kept.length === taints.length)
          throw new KubectlError(`taint "${r.key}${r.effect ? `:${r.effect}` : ''}" not found`);
        taints = kept;
      }
      for (const a of adds) {
        const same = taints.findIndex((t) => t.key === a.key && t.effect === a.effect);
        if (same >= 0 && !flagBool(args.flags, 'overwrite'))
          throw new KubectlError(
            `node ${name} already has ${a.key} taint(s) with same effect(s) and --overwrite is false`,
          );
        const taint: Taint = {
          key: a.key,
          ...(a.value ? { value: a.value } : {}),
          effect: a.effect ?? '',
        };
        if (same >= 0) taints[same] = taint;
        else taints.push(taint);
      }
      node.spec = { ...node.spec, taints };
      if (taints.length === 0) delete node.spec.taints;
      try {
        if (dryRun !== 'client')
          ctx.cluster.api.update(node as never, {
            actor: 'kubectl-taint',
            dryRun: dryRun === 'server',
          });
      } catch (error) {
        ctx.err(`${describeError(error)}\n`);
        exitCode = 1;
        continue;
      }
      const verb = adds.length > 0 ? 'tainted' : 'untainted';
      ctx.out(
        `node/${name} ${verb}${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}\n`,
      );
    }
    return exitCode;
  },
};
