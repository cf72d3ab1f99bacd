/**
 * `kubectl exec POD [-c CONTAINER] -- COMMAND [args…]`: runs a command in a running container
 * through its kubelet; a non-zero exit prints `command terminated with exit code N`.
 */
import { KubectlError, type Command } from '../command.ts';
import { flagString } from '../shell/flags.ts';
import { NotFound, resolveContainer, resolvePod, type PodObject } from './podTarget.ts';

export const execCommand: Command = {
  name: 'exec',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'pod-running-timeout', type: 'string' },
  ],
  run(ctx, args) {
    const namespace = flagString(args.flags, 'namespace') ?? ctx.namespace;
    const target = args.positional[0];
    if (target === undefined)
      throw new KubectlError(
        'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead',
        'exec',
      );
    const argv = args.hasDash ? args.afterDash : args.positional.slice(1);
    if (argv.length === 0)
      throw new KubectlError('you must specify at least one command for the container');
    let pod: PodObject;
    try {
      pod = resolvePod(ctx, target, namespace);
    } catch (error) {
      if (error instanceof NotFound) {
        ctx.err(`Error from server (NotFound): ${error.message}\n`);
        return 1;
      }
      throw error;
    }
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed')
      throw new KubectlError(
        `cannot exec into a container in a completed pod; current phase is ${phase}`,
      );
    const container = resolveContainer(ctx, pod, flagString(args.flags, 'container'));
    const result = ctx.cluster.exec(namespace, pod.metadata.name ?? '', container.name, argv);
    if ('error' in result) throw new KubectlError(result.error);
    ctx.out(result.stdout);
    ctx.err(result.stderr);
    if (result.exitCode !== 0) {
      ctx.err(`command terminated with exit code ${String(result.exitCode)}\n`);
      return result.exitCode;
    }
    return 0;
  },
};
