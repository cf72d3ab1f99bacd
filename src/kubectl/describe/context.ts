/** What a describer may read: the API (as kubectl's extra GETs and LISTs do) and the clock. */
import type { ApiServer, KubeObject } from '../../sim/index.ts';

export interface DescribeContext {
  readonly api: ApiServer;
  readonly now: number;
  readonly showEvents: boolean;
}

export type Describer = (obj: KubeObject, ctx: DescribeContext) => string;
