/**
 * The plugin registry and the default profile: kube-scheduler's default plugins in their order,
 * with their score weights (pkg/scheduler/apis/config/v1/default_plugins.go), built from plugin
 * arguments (pkg/scheduler/apis/config/v1/defaults.go).
 */
import {
  isFilterPlugin,
  isPreBindPlugin,
  isPreFilterPlugin,
  isPreScorePlugin,
  isScorePlugin,
  type Plugin,
} from '../framework/interfaces.ts';
import type { PreemptionArgs } from './defaultpreemption/defaultPreemption.ts';
import { imageLocality } from './imagelocality/imageLocality.ts';
import {
  createInterPodAffinity,
  type InterPodAffinityArgs,
} from './interpodaffinity/interPodAffinity.ts';
import * as names from './names.ts';
import { nodeAffinity } from './nodeaffinity/nodeAffinity.ts';
import { nodeName } from './nodename/nodeName.ts';
import { nodePorts } from './nodeports/nodePorts.ts';
import { createBalancedAllocation } from './noderesources/balancedAllocation.ts';
import {
  createNodeResourcesFit,
  DEFAULT_FIT_ARGS,
  type FitArgs,
  type ResourceWeight,
} from './noderesources/fit.ts';
import { nodeUnschedulable } from './nodeunschedulable/nodeUnschedulable.ts';
import {
  createPodTopologySpread,
  type PodTopologySpreadArgs,
} from './podtopologyspread/podTopologySpread.ts';
import { taintToleration } from './tainttoleration/taintToleration.ts';
import { volumeBinding } from './volumebinding/volumeBinding.ts';

export type ExtensionPoint =
  'preFilter' | 'filter' | 'postFilter' | 'preScore' | 'score' | 'preBind';
export const EXTENSION_POINTS: readonly ExtensionPoint[] = [
  'preFilter',
  'filter',
  'postFilter',
  'preScore',
  'score',
  'preBind',
];

export interface PluginArgs {
  readonly fit: FitArgs;
  readonly balancedResources: readonly ResourceWeight[];
  readonly spread: PodTopologySpreadArgs;
  readonly interPodAffinity: InterPodAffinityArgs;
  readonly preemption: PreemptionArgs;
}

export const DEFAULT_ARGS: PluginArgs = {
  fit: DEFAULT_FIT_ARGS,
  balancedResources: [
    { name: 'cpu', weight: 1 },
    { name: 'memory', weight: 1 },
  ],
  spread: { defaultingType: 'System' },
  interPodAffinity: { hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false },
  preemption: { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 },
};

/** Builds every known plugin from its arguments (the in-tree registry). */
export function buildPlugins(args: PluginArgs): Map<string, Plugin> {
  const list: Plugin[] = [
    nodeUnschedulable,
    nodeName,
    taintToleration,
    nodeAffinity,
    nodePorts,
    createNodeResourcesFit(args.fit),
    volumeBinding,
    createPodTopologySpread(args.spread),
    createInterPodAffinity(args.interPodAffinity),
    { name: names.DefaultPreemption },
    createBalancedAllocation(args.balancedResources),
    imageLocality,
  ];
  return new Map(list.map((p) => [p.name, p]));
}

/** The default profile's multiPoint list: name and score weight (0 = does not score). */
export const DEFAULT_PLUGINS: readonly { name: string; weight: number }[] = [
  { name: names.NodeUnschedulable, weight: 0 },
  { name: names.NodeName, weight: 0 },
  { name: names.TaintToleration, weight: 3 },
  { name: names.NodeAffinity, weight: 2 },
  { name: names.NodePorts, weight: 0 },
  { name: names.NodeResourcesFit, weight: 1 },
  { name: names.VolumeBinding, weight: 0 },
  { name: names.PodTopologySpread, weight: 2 },
  { name: names.InterPodAffinity, weight: 2 },
  { name: names.DefaultPreemption, weight: 0 },
  { name: names.NodeResourcesBalancedAllocation, weight: 1 },
  { name: names.ImageLocality, weight: 1 },
];

/** Which extension points a plugin implements. */
export function pointsOf(plugin: Plugin): ExtensionPoint[] {
  const out: ExtensionPoint[] = [];
  if (isPreFilterPlugin(plugin)) out.push('preFilter');
  if (isFilterPlugin(plugin)) out.push('filter');
  if (plugin.name === names.DefaultPreemption) out.push('postFilter');
  if (isPreScorePlugin(plugin)) out.push('preScore');
  if (isScorePlugin(plugin)) out.push('score');
  if (isPreBindPlugin(plugin)) out.push('preBind');
  return out;
}

export interface ProfilePlugin {
  readonly plugin: Plugin;
  /** Score weight; 0 when the plugin does not score in this profile. */
  readonly weight: number;
}

/** One scheduling profile: the plugins enabled at each extension point, in order. */
export interface Profile {
  readonly schedulerName: string;
  readonly points: Readonly<Record<ExtensionPoint, readonly ProfilePlugin[]>>;
  readonly percentageOfNodesToScore: number;
  readonly args: PluginArgs;
}
