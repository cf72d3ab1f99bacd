/**
 * A pod's effective resource requests (component-helpers resource.PodRequests): the larger of the
 * sum over app containers (plus sidecars) and the largest init container, plus pod overhead.
 */
import type { Container, Pod } from '../types/index.ts';
import { bytes, milliCpu } from '../quantity.ts';

export type ResourceList = Map<string, number>;

/** Amount in the unit the scheduler compares: millicores for cpu, bytes or counts otherwise. */
export function amountOf(name: string, value: string | number): number {
  return name === 'cpu' ? milliCpu(value) : bytes(value);
}

function containerRequests(container: Container): ResourceList {
  const out: ResourceList = new Map();
  for (const [name, value] of Object.entries(container.resources?.requests ?? {}))
    out.set(name, amountOf(name, value));
  return out;
}

function addInto(target: ResourceList, source: ResourceList): void {
  for (const [name, value] of source) target.set(name, (target.get(name) ?? 0) + value);
}

function maxInto(target: ResourceList, source: ResourceList): void {
  for (const [name, value] of source) target.set(name, Math.max(target.get(name) ?? 0, value));
}

export function podRequests(pod: Pod): ResourceList {
  const total: ResourceList = new Map();
  for (const c of pod.spec?.containers ?? []) addInto(total, containerRequests(c));
  let sidecars: ResourceList = new Map();
  const initMax: ResourceList = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    const req = containerRequests(c);
    if (c.restartPolicy === 'Always') {
      addInto(total, req);
      const next = new Map(sidecars);
      addInto(next, req);
      sidecars = next;
    } else {
      const withSidecars = new Map(sidecars);
      addInto(withSidecars, req);
      maxInto(initMax, withSidecars);
    }
  }
  maxInto(total, initMax);
  for (const [name, value] of Object.entries(pod.spec?.overhead ?? {})) {
    total.set(name, (total.get(name) ?? 0) + amountOf(name, value));
  }
  return total;
}

/** Scheduler's "non-zero" requests for scoring: 100m cpu and 200Mi memory when unset. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export function nonZeroRequests(pod: Pod): { milliCpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec?.containers ?? []) {
    const req = c.resources?.requests ?? {};
    cpu += req.cpu !== undefined ? milliCpu(req.cpu) : DEFAULT_MILLI_CPU_REQUEST;
    memory += req.memory !== undefined ? bytes(req.memory) : DEFAULT_MEMORY_REQUEST;
  }
  for (const c of pod.spec?.initContainers ?? []) {
    const req = c.resources?.requests ?? {};
    const icpu = req.cpu !== undefined ? milliCpu(req.cpu) : DEFAULT_MILLI_CPU_REQUEST;
    const imem = req.memory !== undefined ? bytes(req.memory) : DEFAULT_MEMORY_REQUEST;
    if (c.restartPolicy === 'Always') {
      cpu += icpu;
      memory += imem;
    } else {
      cpu = Math.max(cpu, icpu);
      memory = Math.max(memory, imem);
    }
  }
  return { milliCpu: cpu, memory };
}

export function nodeAllocatable(
  allocatable: Record<string, string | number> | undefined,
): ResourceList {
  const out: ResourceList = new Map();
  for (const [name, value] of Object.entries(allocatable ?? {}))
    out.set(name, amountOf(name, value));
  return out;
}
