/**
 * The default profile's plugins in kube-scheduler's order, with their score weights
 * (pkg/scheduler/apis/config/v1/default_plugins.go).
 */
import type { Plugin } from '../framework/interfaces.ts';
import { nodeAffinity } from './nodeaffinity/nodeAffinity.ts';
import { nodeName } from './nodename/nodeName.ts';
import { nodePorts } from './nodeports/nodePorts.ts';
import { balancedAllocation } from './noderesources/balancedAllocation.ts';
import { createNodeResourcesFit, type FitArgs } from './noderesources/fit.ts';
import { nodeUnschedulable } from './nodeunschedulable/nodeUnschedulable.ts';
import { taintToleration } from './tainttoleration/taintToleration.ts';

export interface ProfilePlugin {
  readonly plugin: Plugin;
  /** Score weight; 0 when the plugin does not score. */
  readonly weight: number;
}

export interface ProfileOptions {
  readonly fitArgs?: FitArgs;
}

export function defaultProfile(options: ProfileOptions = {}): ProfilePlugin[] {
  return [
    { plugin: nodeUnschedulable, weight: 0 },
    { plugin: nodeName, weight: 0 },
    { plugin: taintToleration, weight: 3 },
    { plugin: nodeAffinity, weight: 2 },
    { plugin: nodePorts, weight: 0 },
    { plugin: createNodeResourcesFit(options.fitArgs), weight: 1 },
    { plugin: balancedAllocation, weight: 1 },
  ];
}
