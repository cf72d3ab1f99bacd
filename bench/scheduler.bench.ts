/**
 * `npm run bench`: pods scheduled per second by the real scheduling framework and plugins at
 * 100, 1,000 and 5,000 nodes (mixed pods: requests on all, default spreading for ReplicaSet pods,
 * some preferred/required anti-affinity, zone spread constraints and node selectors), and the
 * heap in use afterwards. Wall-clock and CPU-time rates are both printed: the machine is shared.
 */
import { afterAll, bench, describe } from 'vitest';
import { createHarness, schedulePods, type Harness } from './schedulerHarness.ts';

const BATCH = 1000;
const SIZES = [100, 1000, 5000] as const;

interface Figure {
  nodes: number;
  pods: number;
  wallMs: number;
  cpuMs: number;
  evaluatedPerPod: number;
}

const figures = new Map<number, Figure>();

function measure(h: Harness, nodes: number): void {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  schedulePods(h, BATCH);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const f = figures.get(nodes) ?? { nodes, pods: 0, wallMs: 0, cpuMs: 0, evaluatedPerPod: 0 };
  f.pods += BATCH;
  f.wallMs += wallMs;
  f.cpuMs += (cpu.user + cpu.system) / 1000;
  figures.set(nodes, f);
}

for (const nodes of SIZES) {
  describe(`${String(nodes)} nodes`, () => {
    let h: Harness | undefined;
    bench(
      `schedule ${String(BATCH)} mixed pods`,
      () => {
        h ??= createHarness(nodes);
        measure(h, nodes);
      },
      {
        iterations: 3,
        time: 0,
        warmupIterations: 1,
        warmupTime: 0,
        setup: () => {
          h = createHarness(nodes);
          schedulePods(h, 500);
          figures.delete(nodes);
        },
      },
    );
  });
}

afterAll(() => {
  const rows = [...figures.values()].map((f) => {
    const perWall = Math.round(f.pods / (f.wallMs / 1000));
    const perCpu = Math.round(f.pods / (f.cpuMs / 1000));
    return `${String(f.nodes).padStart(6)} nodes  ${String(perWall).padStart(7)} pods/s (wall)  ${String(perCpu).padStart(7)} pods/s (cpu)`;
  });
  const heapMb = Math.round(process.memoryUsage().heapUsed / 1e6);
  console.log(
    [
      '',
      'kube-scheduler simulation (real plugins, records on):',
      ...rows,
      `heap in use: ${String(heapMb)} MB`,
    ].join('\n'),
  );
});
