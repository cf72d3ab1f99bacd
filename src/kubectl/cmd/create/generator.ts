/** The shape of one `kubectl create <subcommand>` generator. */
import type { KubeObject } from '../../../sim/index.ts';
import type { CommandContext } from '../../command.ts';
import type { FlagSpec, ParsedArgs } from '../../shell/flags.ts';

export interface Generator {
  /** `deployment`, `service clusterip`, … */
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly flags: readonly FlagSpec[];
  build(ctx: CommandContext, args: ParsedArgs): KubeObject;
}
