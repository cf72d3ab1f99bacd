/**
 * KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) → the profile the scheduler runs.
 * Plugin sets merge as upstream's mergePlugins does: start from the defaults, drop `disabled`
 * names (`*` drops them all) and add `enabled` ones, first at multiPoint and then per extension
 * point; a re-enabled default keeps its place with the new weight. pluginConfig args replace the
 * defaults (pkg/scheduler/apis/config/v1/defaults.go, default_plugins.go).
 */
import type { KubeObject } from '../api/types/index.ts';
import type { FitArgs, ScoringStrategy, ShapePoint } from './plugins/noderesources/fit.ts';
import {
  buildPlugins,
  DEFAULT_ARGS,
  DEFAULT_PLUGINS,
  EXTENSION_POINTS,
  pointsOf,
  type ExtensionPoint,
  type PluginArgs,
  type Profile,
  type ProfilePlugin,
} from './plugins/registry.ts';
import { INITIAL_BACKOFF_MS, MAX_BACKOFF_MS } from './schedulingQueue.ts';

export interface SchedulerSettings {
  readonly profile: Profile;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  /** Problems found in the configuration; the parts that made sense still apply. */
  readonly errors: readonly string[];
}

interface PluginRef {
  name?: string;
  weight?: number;
}
interface PluginSet {
  enabled?: PluginRef[];
  disabled?: PluginRef[];
}
interface ProfileConfig {
  schedulerName?: string;
  percentageOfNodesToScore?: number;
  plugins?: Partial<Record<ExtensionPoint | 'multiPoint', PluginSet>>;
  pluginConfig?: { name?: string; args?: Record<string, unknown> }[];
}

const STRATEGIES: readonly ScoringStrategy[] = [
  'LeastAllocated',
  'MostAllocated',
  'RequestedToCapacityRatio',
];

function parseArgs(pluginConfig: ProfileConfig['pluginConfig'], errors: string[]): PluginArgs {
  let args: PluginArgs = DEFAULT_ARGS;
  for (const entry of pluginConfig ?? []) {
    const a = entry.args ?? {};
    if (entry.name === 'NodeResourcesFit') {
      const strategy = (a.scoringStrategy ?? {}) as {
        type?: string;
        resources?: { name: string; weight?: number }[];
        requestedToCapacityRatio?: { shape?: ShapePoint[] };
      };
      const type = (strategy.type ?? 'LeastAllocated') as ScoringStrategy;
      if (!STRATEGIES.includes(type)) {
        errors.push(`NodeResourcesFit: scoringStrategy.type: Unsupported value: "${type}"`);
        continue;
      }
      const fit: FitArgs = {
        scoringStrategy: type,
        resources: (strategy.resources ?? DEFAULT_ARGS.fit.resources).map((r) => ({
          name: r.name,
          weight: r.weight ?? 1,
        })),
        ...(strategy.requestedToCapacityRatio?.shape
          ? { shape: strategy.requestedToCapacityRatio.shape }
          : {}),
      };
      args = { ...args, fit };
    } else if (entry.name === 'PodTopologySpread') {
      args = {
        ...args,
        spread: {
          defaultingType: a.defaultingType === 'List' ? 'List' : 'System',
          defaultConstraints: (a.defaultConstraints ??
            []) as PluginArgs['spread']['defaultConstraints'],
        },
      };
    } else if (entry.name === 'InterPodAffinity') {
      args = {
        ...args,
        interPodAffinity: {
          hardPodAffinityWeight: Number(a.hardPodAffinityWeight ?? 1),
          ignorePreferredTermsOfExistingPods: a.ignorePreferredTermsOfExistingPods === true,
        },
      };
    } else if (entry.name === 'NodeResourcesBalancedAllocation') {
      const resources = (a.resources ?? DEFAULT_ARGS.balancedResources) as {
        name: string;
        weight?: number;
      }[];
      args = {
        ...args,
        balancedResources: resources.map((r) => ({ name: r.name, weight: r.weight ?? 1 })),
      };
    } else if (entry.name === 'DefaultPreemption') {
      args = {
        ...args,
        preemption: {
          minCandidateNodesPercentage: Number(a.minCandidateNodesPercentage ?? 10),
          minCandidateNodesAbsolute: Number(a.minCandidateNodesAbsolute ?? 100),
        },
      };
    }
  }
  return args;
}

function applySet(
  list: { name: string; weight: number }[],
  set: PluginSet | undefined,
  known: ReadonlyMap<string, unknown>,
  errors: string[],
  implementsPoint: (name: string) => boolean,
): { name: string; weight: number }[] {
  if (!set) return list;
  let out = list;
  for (const d of set.disabled ?? []) {
    if (d.name === '*') out = [];
    else out = out.filter((p) => p.name !== d.name);
  }
  for (const e of set.enabled ?? []) {
    const name = e.name ?? '';
    if (!known.has(name)) {
      errors.push(`plugin "${name}" does not exist`);
      continue;
    }
    if (!implementsPoint(name)) continue;
    const defaultWeight = DEFAULT_PLUGINS.find((p) => p.name === name)?.weight ?? 0;
    const weight = e.weight ?? (defaultWeight > 0 ? defaultWeight : 1);
    const at = out.findIndex((p) => p.name === name);
    if (at >= 0) out = out.map((p, i) => (i === at ? { name, weight } : p));
    else out = [...out, { name, weight }];
  }
  return out;
}

/** Reads the settings from a stored KubeSchedulerConfiguration, or the defaults when absent. */
export function settingsFromConfig(obj: KubeObject | undefined): SchedulerSettings {
  const errors: string[] = [];
  const top = (obj ?? {}) as {
    percentageOfNodesToScore?: number;
    podInitialBackoffSeconds?: number;
    podMaxBackoffSeconds?: number;
    profiles?: ProfileConfig[];
  };
  const profiles = top.profiles ?? [];
  const config =
    profiles.find((p) => (p.schedulerName ?? 'default-scheduler') === 'default-scheduler') ?? {};
  if (
    profiles.length > 0 &&
    !profiles.some((p) => (p.schedulerName ?? 'default-scheduler') === 'default-scheduler')
  )
    errors.push('no profile named default-scheduler: Kubeplay keeps its default profile');
  const args = parseArgs(config.pluginConfig, errors);
  const plugins = buildPlugins(args);
  const pointSets = config.plugins ?? {};
  const points = {} as Record<ExtensionPoint, ProfilePlugin[]>;
  for (const point of EXTENSION_POINTS) {
    const implementsPoint = (name: string): boolean => {
      const plugin = plugins.get(name);
      return plugin !== undefined && pointsOf(plugin).includes(point);
    };
    let list = DEFAULT_PLUGINS.filter((p) => implementsPoint(p.name)).map((p) => ({ ...p }));
    list = applySet(
      list,
      pointSets.multiPoint,
      plugins,
      point === 'preFilter' ? errors : [],
      implementsPoint,
    );
    list = applySet(list, pointSets[point], plugins, errors, implementsPoint);
    points[point] = list.flatMap(({ name, weight }) => {
      const plugin = plugins.get(name);
      return plugin ? [{ plugin, weight: point === 'score' ? weight : 0 }] : [];
    });
  }
  const percentage = config.percentageOfNodesToScore ?? top.percentageOfNodesToScore ?? 0;
  return {
    profile: {
      schedulerName: 'default-scheduler',
      points,
      percentageOfNodesToScore: percentage,
      args,
    },
    initialBackoffMs: (top.podInitialBackoffSeconds ?? INITIAL_BACKOFF_MS / 1000) * 1000,
    maxBackoffMs: (top.podMaxBackoffSeconds ?? MAX_BACKOFF_MS / 1000) * 1000,
    errors,
  };
}
