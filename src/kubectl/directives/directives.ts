/**
 * Playground directives: what a learner does to the world around the cluster (time, machines,
 * processes, traffic). The names are fixed so lessons, tests and the UI share one language.
 */
import type { NodeOptions, Taint } from '../../sim/index.ts';
import { KubectlError, type Command } from '../command.ts';
import { flagInt, flagString } from '../shell/flags.ts';
import { parseDuration } from './duration.ts';

export const advanceDirective: Command = {
  name: 'advance',
  flags: [],
  run(ctx, args) {
    const text = args.positional[0];
    const ms = text === undefined ? undefined : parseDuration(text);
    if (ms === undefined || args.positional.length !== 1) {
      throw new KubectlError(
        `advance needs one duration such as 500ms, 30s, 5m or 1h${text === undefined ? '' : ` (got "${args.positional.join(' ')}")`}`,
      );
    }
    ctx.cluster.advance(ms);
    return 0;
  },
};

function parseLabels(text: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const part of (text ?? '').split(',').filter(Boolean)) {
    const [key = '', value = ''] = part.split('=');
    labels[key] = value;
  }
  return labels;
}

function parseTaints(text: string | undefined): Taint[] {
  return (text ?? '')
    .split(',')
    .filter(Boolean)
    .map((part) => {
      const match = /^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(part);
      if (!match)
        throw new KubectlError(
          `invalid taint spec: ${part}, the taint spec must be key[=value]:Effect with Effect one of NoSchedule, PreferNoSchedule, NoExecute`,
        );
      return {
        key: match[1] ?? '',
        ...(match[2] ? { value: match[2] } : {}),
        effect: match[3] ?? 'NoSchedule',
      };
    });
}

const NODE_FLAGS = [
  { name: 'cpu', type: 'string' as const },
  { name: 'memory', type: 'string' as const },
  { name: 'pods', type: 'int' as const },
  { name: 'labels', type: 'string' as const },
  { name: 'taints', type: 'string' as const },
];

export const nodeDirective: Command = {
  name: 'node',
  flags: NODE_FLAGS,
  run(ctx, args) {
    const [action, name] = args.positional;
    if (!action || !name || !['add', 'fail', 'recover'].includes(action)) {
      throw new KubectlError(
        'usage: node add <name> [--cpu N] [--memory Q] [--pods N] [--labels k=v,…] [--taints k=v:Effect,…] | node fail <name> | node recover <name>',
      );
    }
    if (action === 'add') {
      if (args.positional.length > 2)
        throw new KubectlError(`unexpected arguments: ${args.positional.slice(2).join(' ')}`);
      const parsed = args;
      const cpu = flagString(parsed.flags, 'cpu');
      const memory = flagString(parsed.flags, 'memory');
      const pods = flagInt(parsed.flags, 'pods');
      const options: NodeOptions = {
        ...(cpu ? { cpu } : {}),
        ...(memory ? { memory } : {}),
        ...(pods !== undefined ? { pods } : {}),
        labels: parseLabels(flagString(parsed.flags, 'labels')),
        taints: parseTaints(flagString(parsed.flags, 'taints')),
      };
      if (ctx.cluster.api.get('nodes', '', name))
        throw new KubectlError(`node "${name}" already exists`);
      ctx.cluster.addNode(name, options);
      ctx.out(`node/${name} joining the cluster\n`);
      return 0;
    }
    if (!ctx.cluster.kubelet(name)) throw new KubectlError(`nodes "${name}" not found`);
    if (action === 'fail') {
      ctx.cluster.failNode(name);
      ctx.out(`node/${name} stopped responding (its kubelet no longer reports)\n`);
    } else {
      ctx.cluster.recoverNode(name);
      ctx.out(`node/${name} is back: its kubelet reports again\n`);
    }
    return 0;
  },
};

/** Directives whose behaviour belongs to a later part of the simulation say so plainly. */
export function notYetSimulated(name: string, issue: string): Command {
  return {
    name,
    flags: [],
    run() {
      throw new KubectlError(
        `the "${name}" directive is not simulated yet in this version of Kubeplay (${issue})`,
      );
    },
  };
}
