/**
 * `kubectl create configmap|secret generic|secret tls|secret docker-registry`: data from literals,
 * workspace files and env files, as kubectl's configmap and secret generators read them.
 */
import type { KubeObject } from '../../../sim/index.ts';
import { KubectlError, type CommandContext } from '../../command.ts';
import { flagBool, flagString, flagStrings, type ParsedArgs } from '../../shell/flags.ts';
import type { Generator } from './generator.ts';
import { base64, explicitNamespace, objectMeta, oneName } from './output.ts';

const DATA_FLAGS = [
  { name: 'from-literal', type: 'array' as const },
  { name: 'from-file', type: 'strings' as const },
  { name: 'from-env-file', type: 'strings' as const },
  { name: 'append-hash', type: 'bool' as const },
];

const KEY = /^[-._a-zA-Z0-9]+$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

function readFile(ctx: CommandContext, path: string): string {
  const text = ctx.workspace.readFile(path);
  if (text === undefined)
    throw new KubectlError(`error reading ${path}: no such file or directory`);
  return text;
}

/** Collects key → value from every source, refusing duplicate keys as kubectl does. */
function collectData(
  ctx: CommandContext,
  args: ParsedArgs,
  kind: 'ConfigMap' | 'Secret',
  name: string,
): Record<string, string> {
  const data: Record<string, string> = {};
  const add = (key: string, value: string): void => {
    if (!KEY.test(key))
      throw new KubectlError(
        `"${key}" is not a valid key name for a ${kind}: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      );
    if (key in data)
      throw new KubectlError(
        `cannot add key "${key}", another key by that name already exists in ${kind === 'ConfigMap' ? 'Data' : 'data'} for ${kind} "${name}"`,
      );
    data[key] = value;
  };
  for (const file of flagStrings(args.flags, 'from-file')) {
    const eq = file.indexOf('=');
    const path = eq < 0 ? file : file.slice(eq + 1);
    const key = eq < 0 ? (path.split('/').pop() ?? path) : file.slice(0, eq);
    const entries = ctx.workspace.listFolder?.(path);
    if (entries && eq < 0) {
      for (const entry of [...entries].sort()) {
        const inner = ctx.workspace.readFile(`${path.replace(/\/$/, '')}/${entry}`);
        if (inner !== undefined) add(entry, inner);
      }
      continue;
    }
    add(key, readFile(ctx, path));
  }
  for (const literal of flagStrings(args.flags, 'from-literal')) {
    const eq = literal.indexOf('=');
    if (eq <= 0) throw new KubectlError(`invalid literal source ${literal}, expected key=value`);
    add(literal.slice(0, eq), literal.slice(eq + 1));
  }
  for (const path of flagStrings(args.flags, 'from-env-file')) {
    readFile(ctx, path)
      .split('\n')
      .forEach((raw, i) => {
        const line = raw.replace(/^\s+/, '').replace(/\r$/, '');
        if (line === '' || line.startsWith('#')) return;
        const eq = line.indexOf('=');
        const key = eq < 0 ? line : line.slice(0, eq);
        if (!ENV_NAME.test(key))
          throw new KubectlError(
            `"${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (line ${String(i + 1)})`,
          );
        add(key, eq < 0 ? '' : line.slice(eq + 1));
      });
  }
  return data;
}

function sortedKeys(data: Record<string, string>, map: (v: string) => string) {
  return Object.fromEntries(
    Object.keys(data)
      .sort()
      .map((k) => [k, map(data[k] ?? '')]),
  );
}

export const configMapGenerator: Generator = {
  name: 'configmap',
  aliases: ['cm'],
  flags: DATA_FLAGS,
  build(ctx, args) {
    appendHashUnsupported(args);
    const name = oneName(args, 'create configmap');
    const data = collectData(ctx, args, 'ConfigMap', name);
    return {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: objectMeta(name, explicitNamespace(args)),
      ...(Object.keys(data).length > 0 ? { data: sortedKeys(data, (v) => v) } : {}),
    };
  },
};

function secret(
  name: string,
  args: ParsedArgs,
  data: Record<string, string>,
  type: string | undefined,
): KubeObject {
  return {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: objectMeta(name, explicitNamespace(args)),
    ...(Object.keys(data).length > 0 ? { data: sortedKeys(data, base64) } : {}),
    ...(type ? { type } : {}),
  };
}

export const secretGenericGenerator: Generator = {
  name: 'secret generic',
  flags: [...DATA_FLAGS, { name: 'type', type: 'string' }],
  build(ctx, args) {
    appendHashUnsupported(args);
    const name = oneName(args, 'create secret generic');
    return secret(
      name,
      args,
      collectData(ctx, args, 'Secret', name),
      flagString(args.flags, 'type'),
    );
  },
};

export const secretTlsGenerator: Generator = {
  name: 'secret tls',
  flags: [
    { name: 'cert', type: 'string' },
    { name: 'key', type: 'string' },
    { name: 'append-hash', type: 'bool' },
  ],
  build(ctx, args) {
    appendHashUnsupported(args);
    const name = oneName(args, 'create secret tls');
    const certPath = flagString(args.flags, 'cert');
    const keyPath = flagString(args.flags, 'key');
    if (certPath === undefined || keyPath === undefined)
      throw new KubectlError('key and cert must be specified');
    const cert = readFile(ctx, certPath);
    const key = readFile(ctx, keyPath);
    if (!cert.includes('-----BEGIN'))
      throw new KubectlError('tls: failed to find any PEM data in certificate input');
    if (!key.includes('-----BEGIN'))
      throw new KubectlError('tls: failed to find any PEM data in key input');
    return secret(name, args, { 'tls.crt': cert, 'tls.key': key }, 'kubernetes.io/tls');
  },
};

export const secretDockerRegistryGenerator: Generator = {
  name: 'secret docker-registry',
  flags: [
    { name: 'docker-server', type: 'string' },
    { name: 'docker-username', type: 'string' },
    { name: 'docker-password', type: 'string' },
    { name: 'docker-email', type: 'string' },
    { name: 'from-file', type: 'strings' },
    { name: 'append-hash', type: 'bool' },
  ],
  build(ctx, args) {
    appendHashUnsupported(args);
    const name = oneName(args, 'create secret docker-registry');
    if (flagStrings(args.flags, 'from-file').length > 0)
      return secret(
        name,
        args,
        collectData(ctx, args, 'Secret', name),
        'kubernetes.io/dockerconfigjson',
      );
    const username = flagString(args.flags, 'docker-username');
    const password = flagString(args.flags, 'docker-password');
    const server = flagString(args.flags, 'docker-server') ?? 'https://index.docker.io/v1/';
    const email = flagString(args.flags, 'docker-email');
    if (username === undefined || password === undefined)
      throw new KubectlError(
        'either --from-file or the combination of --docker-username, --docker-password and --docker-server is required',
      );
    const entry = {
      username,
      password,
      ...(email ? { email } : {}),
      auth: base64(`${username}:${password}`),
    };
    const config = JSON.stringify({ auths: { [server]: entry } });
    return secret(name, args, { '.dockerconfigjson': config }, 'kubernetes.io/dockerconfigjson');
  },
};

function appendHashUnsupported(args: ParsedArgs): void {
  if (flagBool(args.flags, 'append-hash'))
    throw new KubectlError('Kubeplay does not simulate --append-hash yet');
}
