import { describe, expect, it } from 'vitest';
import { chipLabel, layoutCluster, METRICS, type LayoutPod, type Rect } from './layout.ts';

const nodes = ['control-plane', 'node-1', 'node-2', 'node-3'].map((name) => ({ name, taints: [] }));
const pod = (
  name: string,
  nodeName: string | undefined,
  owner = 'ReplicaSet/web-7f5c4b96cb',
): LayoutPod => ({
  key: `default/${name}`,
  name,
  nodeName,
  owner,
});

function inside(inner: Rect, outer: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width + 1e-9 &&
    inner.y + inner.height <= outer.y + outer.height + 1e-9
  );
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('layoutCluster', () => {
  it.each([
    { name: 'wide view: four cards in a row', width: 1200, columns: 4 },
    { name: 'medium view: two columns', width: 620, columns: 2 },
    { name: 'narrow view: one column', width: 300, columns: 1 },
  ])('$name', ({ width, columns }) => {
    const layout = layoutCluster(nodes, [], width);
    const firstRowY = layout.nodes[0]?.y;
    expect(layout.nodes.filter((n) => n.y === firstRowY)).toHaveLength(columns);
    for (const a of layout.nodes)
      for (const b of layout.nodes) if (a !== b) expect(overlaps(a, b)).toBe(false);
    for (const n of layout.nodes) expect(n.x + n.width).toBeLessThanOrEqual(layout.width);
  });

  it('puts each pod inside its node card, and unbound pods in the queue lane', () => {
    const pods = [
      pod('web-7f5c4b96cb-aaaaa', 'node-1'),
      pod('web-7f5c4b96cb-bbbbb', 'node-1'),
      pod('web-7f5c4b96cb-ccccc', 'node-2'),
      pod('web-7f5c4b96cb-ddddd', undefined),
      pod('orphan', 'node-gone', ''),
    ];
    const layout = layoutCluster(nodes, pods, 1200);
    const box = (name: string) => layout.pods.find((p) => p.key === `default/${name}`)!;
    const card = (name: string) => layout.nodes.find((n) => n.name === name)!;
    expect(inside(box('web-7f5c4b96cb-aaaaa'), card('node-1'))).toBe(true);
    expect(inside(box('web-7f5c4b96cb-ccccc'), card('node-2'))).toBe(true);
    expect(inside(box('web-7f5c4b96cb-ddddd'), layout.queue)).toBe(true);
    expect(inside(box('orphan'), layout.queue)).toBe(true);
    for (const a of layout.pods)
      for (const b of layout.pods) if (a !== b) expect(overlaps(a, b)).toBe(false);
  });

  it('groups chips by owner with one caption per group', () => {
    const pods = [
      pod('coredns-668d6bf9bc-x1', 'node-1', 'ReplicaSet/coredns-668d6bf9bc'),
      pod('kube-proxy-abcde', 'node-1', 'DaemonSet/kube-proxy'),
      pod('web-7f5c4b96cb-aaaaa', 'node-1'),
    ];
    const layout = layoutCluster(nodes, pods, 1200);
    const captions = layout.groups.filter((g) => g.id.startsWith('node-1|'));
    expect(captions.map((g) => [g.kind, g.text])).toEqual([
      ['ReplicaSet', 'coredns-668d6bf9bc'],
      ['DaemonSet', 'kube-proxy'],
      ['ReplicaSet', 'web-7f5c4b96cb'],
    ]);
  });

  it('grows a card (and its row) with its pods', () => {
    const many = Array.from({ length: 10 }, (_, i) =>
      pod(`web-7f5c4b96cb-p${String(i)}`, 'node-1'),
    );
    const empty = layoutCluster(nodes, [], 1200);
    const full = layoutCluster(nodes, many, 1200);
    expect(full.nodes[1]!.height).toBeGreaterThan(empty.nodes[1]!.height);
    expect(full.nodes[0]!.height).toBe(full.nodes[1]!.height);
    expect(full.height).toBeGreaterThan(empty.height);
    expect(empty.queue.height).toBe(METRICS.queueHeader + METRICS.queueEmpty);
  });

  it('labels chips without their owner prefix', () => {
    expect(chipLabel(pod('web-7f5c4b96cb-545g6', 'node-1'))).toBe('545g6');
    expect(chipLabel(pod('etcd-control-plane', 'control-plane', 'Node/static'))).toBe(
      'etcd-control-plane',
    );
    expect(chipLabel(pod('hello', 'node-1', ''))).toBe('hello');
  });
});
