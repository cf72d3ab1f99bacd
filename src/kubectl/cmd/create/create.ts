/**
 * `kubectl create`: from files (`-f`) or through a generator subcommand (`create deployment …`).
 * Generators build the object as kubectl's client does, so `--dry-run=client -o yaml|json` prints
 * kubectl's bytes; without dry-run the object goes to the API server.
 */
import { objectsFromFlags } from '../../manifest/objectsFromFlags.ts';
import { KubectlError, type Command } from '../../command.ts';
import { describeError } from '../../errors.ts';
import { toJson, toYaml } from '../../printers/yaml.ts';
import { kindPrefix } from '../../resources.ts';
import { flagBool, flagString, flagStrings, type FlagSpec } from '../../shell/flags.ts';
import {
  clusterRoleBindingGen,
  clusterRoleGen,
  roleBindingGen,
  roleGen,
} from './rbacGenerators.ts';
import {
  namespaceGenerator,
  podDisruptionBudgetGenerator,
  priorityClassGenerator,
  quotaGenerator,
  serviceAccountGenerator,
} from './clusterGenerators.ts';
import {
  configMapGenerator,
  secretDockerRegistryGenerator,
  secretGenericGenerator,
  secretTlsGenerator,
} from './dataGenerators.ts';
import type { Generator } from './generator.ts';
import { dryRunOf, emitObject, OUTPUT_FLAGS } from './output.ts';
import {
  ingressGenerator,
  serviceClusterIpGenerator,
  serviceExternalNameGenerator,
  serviceLoadBalancerGenerator,
  serviceNodePortGenerator,
} from './serviceGenerators.ts';
import { cronJobGenerator, deploymentGenerator, jobGenerator } from './workloadGenerators.ts';

export const GENERATORS: readonly Generator[] = [
  clusterRoleGen,
  clusterRoleBindingGen,
  configMapGenerator,
  cronJobGenerator,
  deploymentGenerator,
  ingressGenerator,
  jobGenerator,
  namespaceGenerator,
  podDisruptionBudgetGenerator,
  priorityClassGenerator,
  quotaGenerator,
  roleGen,
  roleBindingGen,
  secretDockerRegistryGenerator,
  secretGenericGenerator,
  secretTlsGenerator,
  serviceClusterIpGenerator,
  serviceExternalNameGenerator,
  serviceLoadBalancerGenerator,
  serviceNodePortGenerator,
  serviceAccountGenerator,
];

const PARENTS = new Set(['secret', 'service', 'svc']);

/** The generator the words name (`deployment`, `service nodeport`), and how many words it took. */
export function findGenerator(
  words: readonly string[],
): { gen: Generator; used: number } | undefined {
  const [first = '', second = ''] = words.filter((w) => !w.startsWith('-'));
  for (const gen of GENERATORS) {
    for (const name of [gen.name, ...(gen.aliases ?? [])]) {
      const parts = name.split(' ');
      if (parts.length === 1 && parts[0] === first) return { gen, used: 1 };
      if (parts.length === 2 && parts[0] === first && parts[1] === second) return { gen, used: 2 };
    }
  }
  return undefined;
}

const FILE_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'edit', type: 'bool' },
];

/** Removes the generator's words from the positionals (they may sit after flags). */
function dropWords(positional: string[], words: number): string[] {
  return positional.slice(words);
}

export const createCommand: Command = {
  name: 'create',
  flags: [...FILE_FLAGS, ...OUTPUT_FLAGS],
  flagsFor(words) {
    const found = findGenerator(words);
    return found ? [...found.gen.flags, ...OUTPUT_FLAGS] : [...FILE_FLAGS, ...OUTPUT_FLAGS];
  },
  usageName(words) {
    const found = findGenerator(words);
    return found ? `create ${found.gen.name}` : 'create';
  },
  run(ctx, args) {
    const found = findGenerator(args.positional);
    if (found) {
      const sub = { ...args, positional: dropWords(args.positional, found.used) };
      return emitObject(ctx, sub, found.gen.build(ctx, sub));
    }
    const first = args.positional[0];
    if (first !== undefined && PARENTS.has(first)) {
      const kind = first === 'secret' ? 'secret' : 'service';
      const choices =
        kind === 'secret'
          ? 'docker-registry, generic, tls'
          : 'clusterip, externalname, loadbalancer, nodeport';
      throw new KubectlError(
        `kubectl create ${kind} needs a subcommand: one of ${choices}`,
        `create ${kind}`,
      );
    }
    const files = flagStrings(args.flags, 'filename');
    if (files.length === 0) {
      if (first !== undefined)
        throw new KubectlError(`Unexpected args: [${args.positional.join(' ')}]`, 'create');
      throw new KubectlError('must specify one of -f and -k');
    }
    if (args.positional.length > 0)
      throw new KubectlError(`Unexpected args: [${args.positional.join(' ')}]`, 'create');
    if (flagBool(args.flags, 'edit'))
      throw new KubectlError(
        'Kubeplay does not simulate create --edit yet: edit the file, then create it',
      );
    const dryRun = dryRunOf(args);
    const output = flagString(args.flags, 'output');
    let failed = false;
    for (const item of objectsFromFlags(ctx, args)) {
      if (!item.ok) {
        ctx.err(`${item.message}\n`);
        failed = true;
        continue;
      }
      const prefix = `${kindPrefix(item.type)}/${item.object.metadata.name ?? ''}`;
      if (dryRun === 'client') {
        if (output === 'yaml') ctx.out(toYaml(item.object));
        else if (output === 'json') ctx.out(toJson(item.object));
        else ctx.out(`${prefix} created (dry run)\n`);
        continue;
      }
      try {
        const created = ctx.cluster.api.create(item.object, {
          actor: 'kubectl-create',
          dryRun: dryRun === 'server',
          fieldValidation: 'Strict',
        });
        if (output === 'yaml') ctx.out(toYaml(created));
        else if (output === 'json') ctx.out(toJson(created));
        else if (output === 'name') ctx.out(`${prefix}\n`);
        else ctx.out(`${prefix} created${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
      } catch (error) {
        ctx.err(`${describeError(error, { action: 'creating', source: item.source })}\n`);
        failed = true;
      }
    }
    return failed ? 1 : 0;
  },
};
