/** Flags kubectl accepts that Kubeplay does not simulate: say so instead of ignoring them. */
import { KubectlError } from '../command.ts';
import type { ParsedArgs } from '../shell/flags.ts';

export function rejectUnsimulated(
  args: ParsedArgs,
  command: string,
  flags: readonly string[],
): void {
  for (const flag of flags) {
    const value = args.flags.get(flag);
    const given = Array.isArray(value) ? value.length > 0 : value !== undefined && value !== false;
    if (given)
      throw new KubectlError(`Kubeplay does not simulate kubectl ${command} --${flag} yet`);
  }
}
