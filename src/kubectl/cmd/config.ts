/**
 * `kubectl config` over Kubeplay's simulated kubeconfig: one cluster `kubeplay`, one user
 * `kubeplay-admin`, context `kubeplay`; contexts can be added and switched, and the current
 * context's namespace is the shell's default namespace.
 */
import { KubectlError, type Command, type CommandContext, type Kubeconfig } from '../command.ts';
import { formatTable } from '../printers/table.ts';
import { toJson, toYaml } from '../printers/yaml.ts';
import { flagBool, flagString, type FlagSpec, type ParsedArgs } from '../shell/flags.ts';

export const KUBECONFIG_PATH = '/root/.kube/config';
export const API_SERVER_URL = 'https://172.18.0.2:6443';

export function defaultKubeconfig(namespace: string): Kubeconfig {
  return {
    currentContext: 'kubeplay',
    contexts: new Map([
      [
        'kubeplay',
        {
          cluster: 'kubeplay',
          user: 'kubeplay-admin',
          ...(namespace !== 'default' ? { namespace } : {}),
        },
      ],
    ]),
  };
}

function view(ctx: CommandContext, args: ParsedArgs): void {
  const config = ctx.kubeconfig;
  const minify = flagBool(args.flags, 'minify');
  const names = [...config.contexts.keys()]
    .filter((n) => !minify || n === config.currentContext)
    .sort();
  const doc = {
    apiVersion: 'v1',
    clusters: [
      {
        cluster: {
          'certificate-authority-data': flagBool(args.flags, 'raw')
            ? 'LS0tLS1CRUdJTi…(simulated)'
            : 'DATA+OMITTED',
          server: API_SERVER_URL,
        },
        name: 'kubeplay',
      },
    ],
    contexts: names.map((name) => {
      const c = config.contexts.get(name);
      return {
        context: {
          cluster: c?.cluster ?? '',
          user: c?.user ?? '',
          ...(c?.namespace ? { namespace: c.namespace } : {}),
        },
        name,
      };
    }),
    'current-context': config.currentContext,
    kind: 'Config',
    preferences: {},
    users: [
      {
        name: 'kubeplay-admin',
        user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' },
      },
    ],
  };
  const output = flagString(args.flags, 'output') ?? 'yaml';
  if (output === 'json') ctx.out(toJson(doc));
  else if (output === 'yaml') ctx.out(toYaml(doc));
  else throw new KubectlError(`Kubeplay supports -o yaml and -o json for kubectl config view`);
}

function getContexts(ctx: CommandContext, args: ParsedArgs): number {
  const config = ctx.kubeconfig;
  const wanted = args.positional.slice(1);
  const names = [...config.contexts.keys()].sort();
  for (const w of wanted)
    if (!config.contexts.has(w)) {
      ctx.err(`error: context ${w} not found\n`);
      return 1;
    }
  const rows = names
    .filter((n) => wanted.length === 0 || wanted.includes(n))
    .map((n) => {
      const c = config.contexts.get(n);
      return [
        n === config.currentContext ? '*' : '',
        n,
        c?.cluster ?? '',
        c?.user ?? '',
        c?.namespace ?? '',
      ];
    });
  if (flagString(args.flags, 'output') === 'name') {
    for (const r of rows) ctx.out(`${r[1] ?? ''}\n`);
    return 0;
  }
  const header = ['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'];
  ctx.out(formatTable(flagBool(args.flags, 'no-headers') ? rows : [header, ...rows]));
  return 0;
}

function setContext(ctx: CommandContext, args: ParsedArgs): void {
  const config = ctx.kubeconfig;
  const current = flagBool(args.flags, 'current');
  const name = current ? config.currentContext : args.positional[1];
  if (name === undefined || name === '')
    throw new KubectlError(
      'you must specify a non-empty context name or --current',
      'config set-context',
    );
  if (current && args.positional.length > 1)
    throw new KubectlError(
      'you cannot specify both a context name and --current',
      'config set-context',
    );
  const existing = config.contexts.get(name);
  const namespace = flagString(args.flags, 'namespace');
  const cluster = flagString(args.flags, 'cluster');
  const user = flagString(args.flags, 'user');
  const next = {
    cluster: cluster ?? existing?.cluster ?? '',
    user: user ?? existing?.user ?? '',
    ...((namespace ?? existing?.namespace)
      ? { namespace: namespace ?? existing?.namespace ?? '' }
      : {}),
  };
  if (namespace === '') delete (next as { namespace?: string }).namespace;
  config.contexts.set(name, next);
  ctx.out(`Context "${name}" ${existing ? 'modified' : 'created'}.\n`);
}

const SUBCOMMANDS = [
  'current-context',
  'delete-cluster',
  'delete-context',
  'delete-user',
  'get-clusters',
  'get-contexts',
  'get-users',
  'rename-context',
  'set',
  'set-cluster',
  'set-context',
  'set-credentials',
  'unset',
  'use-context',
  'view',
];

export const configCommand: Command = {
  name: 'config',
  flags: [],
  flagsFor(): readonly FlagSpec[] {
    return [
      { name: 'output', short: 'o', type: 'string' },
      { name: 'minify', type: 'bool' },
      { name: 'raw', type: 'bool' },
      { name: 'flatten', type: 'bool' },
      { name: 'current', type: 'bool' },
      { name: 'cluster', type: 'string' },
      { name: 'user', type: 'string' },
      { name: 'no-headers', type: 'bool' },
    ];
  },
  run(ctx, args) {
    const sub = args.positional[0];
    const config = ctx.kubeconfig;
    switch (sub) {
      case 'view':
        view(ctx, args);
        return 0;
      case 'current-context':
        ctx.out(`${config.currentContext}\n`);
        return 0;
      case 'get-contexts':
        return getContexts(ctx, args);
      case 'get-clusters':
        ctx.out('NAME\nkubeplay\n');
        return 0;
      case 'get-users':
        ctx.out('NAME\nkubeplay-admin\n');
        return 0;
      case 'use-context':
      case 'use': {
        const name = args.positional[1];
        if (name === undefined) throw new KubectlError('Unexpected args: []');
        if (!config.contexts.has(name))
          throw new KubectlError(`no context exists with the name: "${name}"`);
        config.currentContext = name;
        ctx.out(`Switched to context "${name}".\n`);
        return 0;
      }
      case 'set-context':
        setContext(ctx, args);
        return 0;
      case 'delete-context': {
        const name = args.positional[1] ?? '';
        if (!config.contexts.has(name))
          throw new KubectlError(`cannot delete context ${name}, not in ${KUBECONFIG_PATH}`);
        if (name === config.currentContext)
          ctx.err(
            'warning: this removed your active context, use "kubectl config use-context" to select a different one\n',
          );
        config.contexts.delete(name);
        ctx.out(`deleted context ${name} from ${KUBECONFIG_PATH}\n`);
        return 0;
      }
      case 'rename-context': {
        const [, from = '', to = ''] = args.positional;
        const c = config.contexts.get(from);
        if (!c)
          throw new KubectlError(
            `cannot rename the context "${from}", it's not in ${KUBECONFIG_PATH}`,
          );
        if (config.contexts.has(to))
          throw new KubectlError(
            `cannot rename the context "${from}", the context "${to}" already exists in ${KUBECONFIG_PATH}`,
          );
        config.contexts.delete(from);
        config.contexts.set(to, c);
        if (config.currentContext === from) config.currentContext = to;
        ctx.out(`Context "${from}" renamed to "${to}".\n`);
        return 0;
      }
      case undefined:
        throw new KubectlError(
          'kubectl config needs a subcommand: view, get-contexts, current-context, use-context, set-context, …',
          'config',
        );
      default:
        if (SUBCOMMANDS.includes(sub))
          throw new KubectlError(
            `Kubeplay has one simulated cluster and user, so "kubectl config ${sub}" is not simulated`,
          );
        throw new KubectlError(`unknown command "${sub}"`, 'config');
    }
  },
};
