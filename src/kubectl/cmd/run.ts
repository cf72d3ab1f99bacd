/** `kubectl run`: one Pod from an image (pkg/cmd/run). Attaching (-i/-t) is not simulated. */
import type { KubeObject } from '../../sim/index.ts';
import { KubectlError, type Command } from '../command.ts';
import { flagBool, flagString, flagStrings } from '../shell/flags.ts';
import { emitObject, explicitNamespace, OUTPUT_FLAGS, parsePairs } from './create/output.ts';

const RESTART = ['Always', 'OnFailure', 'Never'];

export const runCommand: Command = {
  name: 'run',
  flags: [
    ...OUTPUT_FLAGS,
    { name: 'image', type: 'string' },
    { name: 'port', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'env', type: 'array' },
    { name: 'restart', type: 'string' },
    { name: 'command', type: 'bool' },
    { name: 'image-pull-policy', type: 'string' },
    { name: 'annotations', type: 'array' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'rm', type: 'bool' },
    { name: 'attach', type: 'bool' },
    { name: 'expose', type: 'bool' },
  ],
  run(ctx, args) {
    const image = flagString(args.flags, 'image');
    if (image === undefined) throw new KubectlError('required flag(s) "image" not set');
    const name = args.positional[0];
    if (name === undefined) throw new KubectlError('NAME is required for run', 'run');
    if (
      flagBool(args.flags, 'stdin') ||
      flagBool(args.flags, 'tty') ||
      flagBool(args.flags, 'attach')
    )
      throw new KubectlError(
        'Kubeplay does not simulate attaching to a container (-i, -t, --attach): run the Pod without them, then use kubectl exec or kubectl logs',
      );
    if (flagBool(args.flags, 'rm'))
      throw new KubectlError('--rm should only be used for attached containers');
    if (flagBool(args.flags, 'expose'))
      throw new KubectlError(
        'Kubeplay does not simulate run --expose yet: run the Pod, then kubectl expose pod',
      );
    const restart = flagString(args.flags, 'restart') ?? 'Always';
    if (!RESTART.includes(restart)) throw new KubectlError(`invalid restart policy: ${restart}`);
    const labelsText = flagString(args.flags, 'labels');
    const labels = labelsText === undefined ? { run: name } : parsePairs(labelsText, 'label');
    const annotations: Record<string, string> = {};
    for (const a of flagStrings(args.flags, 'annotations'))
      Object.assign(annotations, parsePairs(a, 'annotation'));
    const words = [...args.positional.slice(1), ...args.afterDash];
    const useCommand = flagBool(args.flags, 'command');
    if (useCommand && words.length === 0)
      throw new KubectlError(
        '--command requires a command to run: kubectl run NAME --image=IMAGE --command -- COMMAND [ARGS…]',
      );
    const portText = flagString(args.flags, 'port');
    const port = portText === undefined ? undefined : Number(portText);
    if (port !== undefined && !Number.isInteger(port))
      throw new KubectlError(`strconv.Atoi: parsing "${portText ?? ''}": invalid syntax`);
    const env = flagStrings(args.flags, 'env').map((pair) => {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new KubectlError(`invalid env: ${pair}`);
      return { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
    });
    const pullPolicy = flagString(args.flags, 'image-pull-policy');
    const container = {
      name,
      image,
      ...(words.length > 0 ? { [useCommand ? 'command' : 'args']: words } : {}),
      ...(port !== undefined && port > 0 ? { ports: [{ containerPort: port }] } : {}),
      ...(env.length > 0 ? { env } : {}),
      resources: {},
      ...(pullPolicy ? { imagePullPolicy: pullPolicy } : {}),
    };
    const pod = {
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: {
        name,
        ...(explicitNamespace(args) !== undefined ? { namespace: explicitNamespace(args) } : {}),
        creationTimestamp: null,
        labels,
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      },
      spec: { containers: [container], restartPolicy: restart, dnsPolicy: 'ClusterFirst' },
      status: {},
    } as unknown as KubeObject;
    return emitObject(ctx, args, pod);
  },
};
