/** `kubectl create namespace|serviceaccount|quota|priorityclass|poddisruptionbudget`. */
import { parseSelector, SelectorParseError } from '../../../sim/index.ts';
import { KubectlError } from '../../command.ts';
import { flagBool, flagInt, flagString } from '../../shell/flags.ts';
import type { Generator } from './generator.ts';
import { explicitNamespace, objectMeta, oneName } from './output.ts';

export const namespaceGenerator: Generator = {
  name: 'namespace',
  aliases: ['ns'],
  flags: [],
  build(_ctx, args) {
    return {
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: objectMeta(oneName(args, 'create namespace'), undefined),
      spec: {},
      status: {},
    };
  },
};

export const serviceAccountGenerator: Generator = {
  name: 'serviceaccount',
  aliases: ['sa'],
  flags: [],
  build(_ctx, args) {
    return {
      kind: 'ServiceAccount',
      apiVersion: 'v1',
      metadata: objectMeta(oneName(args, 'create serviceaccount'), explicitNamespace(args)),
    };
  },
};

export const quotaGenerator: Generator = {
  name: 'quota',
  aliases: ['resourcequota'],
  flags: [
    { name: 'hard', type: 'string' },
    { name: 'scopes', type: 'string' },
  ],
  build(_ctx, args) {
    const name = oneName(args, 'create quota');
    const hardText = flagString(args.flags, 'hard');
    const scopes = (flagString(args.flags, 'scopes') ?? '').split(',').filter((s) => s !== '');
    const hard: Record<string, string> = {};
    for (const part of (hardText ?? '').split(',').filter((p) => p !== '')) {
      const [key = '', value] = part.split('=');
      if (value === undefined || key === '')
        throw new KubectlError(`invalid argument "${part}" for "--hard" flag`);
      hard[key] = value;
    }
    const sortedHard = Object.fromEntries(
      Object.keys(hard)
        .sort()
        .map((k) => [k, hard[k]]),
    );
    const spec = {
      ...(Object.keys(hard).length > 0 ? { hard: sortedHard } : {}),
      ...(scopes.length > 0 ? { scopes } : {}),
    };
    return {
      kind: 'ResourceQuota',
      apiVersion: 'v1',
      metadata: objectMeta(name, explicitNamespace(args)),
      spec,
      status: {},
    };
  },
};

export const priorityClassGenerator: Generator = {
  name: 'priorityclass',
  aliases: ['pc'],
  flags: [
    { name: 'value', type: 'int' },
    { name: 'global-default', type: 'bool' },
    { name: 'description', type: 'string' },
    { name: 'preemption-policy', type: 'string' },
  ],
  build(_ctx, args) {
    const name = oneName(args, 'create priorityclass');
    const description = flagString(args.flags, 'description') ?? '';
    return {
      kind: 'PriorityClass',
      apiVersion: 'scheduling.k8s.io/v1',
      metadata: objectMeta(name, undefined),
      value: flagInt(args.flags, 'value') ?? 0,
      ...(flagBool(args.flags, 'global-default') ? { globalDefault: true } : {}),
      ...(description !== '' ? { description } : {}),
      preemptionPolicy: flagString(args.flags, 'preemption-policy') ?? 'PreemptLowerPriority',
    };
  },
};

function intOrString(text: string): number | string {
  return /^-?[0-9]+$/.test(text) ? Number(text) : text;
}

export const podDisruptionBudgetGenerator: Generator = {
  name: 'poddisruptionbudget',
  aliases: ['pdb'],
  flags: [
    { name: 'selector', type: 'string' },
    { name: 'min-available', type: 'string' },
    { name: 'max-unavailable', type: 'string' },
  ],
  build(_ctx, args) {
    const name = oneName(args, 'create poddisruptionbudget');
    const min = flagString(args.flags, 'min-available');
    const max = flagString(args.flags, 'max-unavailable');
    if (min === undefined && max === undefined)
      throw new KubectlError('one of min-available or max-unavailable must be specified');
    if (min !== undefined && max !== undefined)
      throw new KubectlError('min-available and max-unavailable cannot be both specified');
    const selectorText = flagString(args.flags, 'selector');
    if (selectorText === undefined) throw new KubectlError('a selector must be specified');
    const selector = labelSelectorFrom(selectorText);
    return {
      kind: 'PodDisruptionBudget',
      apiVersion: 'policy/v1',
      metadata: objectMeta(name, explicitNamespace(args)),
      spec: {
        ...(min !== undefined ? { minAvailable: intOrString(min) } : {}),
        selector,
        ...(max !== undefined ? { maxUnavailable: intOrString(max) } : {}),
      },
      status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
    };
  },
};

/** metav1.ParseToLabelSelector: equality terms become matchLabels, the rest matchExpressions. */
export function labelSelectorFrom(text: string): Record<string, unknown> {
  let requirements;
  try {
    requirements = parseSelector(text);
  } catch (error) {
    if (error instanceof SelectorParseError) throw new KubectlError(error.message);
    throw error;
  }
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Record<string, unknown>[] = [];
  for (const r of requirements) {
    if (r.operator === 'Equals') matchLabels[r.key] = r.values[0] ?? '';
    else if (r.operator === 'NotEquals')
      matchExpressions.push({ key: r.key, operator: 'NotIn', values: [...r.values] });
    else
      matchExpressions.push({
        key: r.key,
        operator: r.operator,
        ...(r.values.length > 0 ? { values: [...r.values] } : {}),
      });
  }
  return {
    ...(Object.keys(matchLabels).length > 0 ? { matchLabels } : {}),
    ...(matchExpressions.length > 0 ? { matchExpressions } : {}),
  };
}
