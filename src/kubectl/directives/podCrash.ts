/**
 * `pod crash <name> [-c container] [--exit-code N]`: the container's main process dies, as when
 * the application hits a fatal bug. The kubelet then restarts it (or not) by the pod's
 * restartPolicy, with the usual CrashLoopBackOff delays.
 */
import { KubectlError, type Command } from '../command.ts';
import { flagInt, flagString } from '../shell/flags.ts';

export const podDirective: Command = {
  name: 'pod',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'exit-code', type: 'int' },
  ],
  run(ctx, args) {
    const [action, name] = args.positional;
    if (action !== 'crash' || !name || args.positional.length > 2)
      throw new KubectlError('usage: pod crash <name> [-c <container>] [--exit-code N]');
    const namespace = flagString(args.flags, 'namespace') ?? ctx.namespace;
    const exitCode = flagInt(args.flags, 'exit-code') ?? 1;
    if (exitCode < 0 || exitCode > 255)
      throw new KubectlError('--exit-code must be between 0 and 255');
    const pod = ctx.cluster.api.get('pods', namespace, name);
    if (!pod) throw new KubectlError(`pods "${name}" not found`);
    const container = flagString(args.flags, 'container');
    const crashed = ctx.cluster.crashContainer(namespace, name, container, exitCode);
    if (!crashed)
      throw new KubectlError(
        container
          ? `container "${container}" of pod/${name} is not running`
          : `pod/${name} has no running container to crash`,
      );
    ctx.out(`pod/${name}: container ${crashed} exited with code ${String(exitCode)}\n`);
    return 0;
  },
};
