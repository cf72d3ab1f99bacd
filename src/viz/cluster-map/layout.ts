/**
 * Pure layout of the cluster map: node cards in a responsive grid, pod chips inside their node's
 * card grouped by owner, and a scheduler-queue lane for pods not yet bound to a node. No DOM, no
 * d3: tested in Node.
 */

export interface LayoutNode {
  readonly name: string;
  readonly taints: readonly string[];
}

export interface LayoutPod {
  readonly key: string;
  readonly name: string;
  readonly nodeName: string | undefined;
  /** `ReplicaSet/web-7d9f8`, `` for a bare pod. */
  readonly owner: string;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface NodeBox extends Rect {
  readonly name: string;
}

export interface PodBox extends Rect {
  readonly key: string;
  /** The node it sits on, or undefined in the scheduler queue. */
  readonly nodeName: string | undefined;
  /** Short text for the chip: the pod name without its owner's prefix. */
  readonly label: string;
}

export interface GroupLabel {
  readonly id: string;
  readonly text: string;
  readonly kind: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

export interface ClusterLayout {
  readonly width: number;
  readonly height: number;
  readonly queue: Rect;
  readonly nodes: readonly NodeBox[];
  readonly pods: readonly PodBox[];
  readonly groups: readonly GroupLabel[];
}

export const METRICS = {
  pad: 16,
  cardMinWidth: 205,
  cardPad: 12,
  /** Name and status, roles and taints, CPU bar, memory bar, pod count. */
  cardHeader: 146,
  queueHeader: 30,
  queueEmpty: 34,
  podHeight: 36,
  podMinWidth: 84,
  podGap: 6,
  groupLabel: 20,
} as const;

function ownerParts(owner: string): { kind: string; name: string } {
  const slash = owner.indexOf('/');
  return slash < 0
    ? { kind: '', name: '' }
    : { kind: owner.slice(0, slash), name: owner.slice(slash + 1) };
}

/** `web-7f5c4b96cb-545g6` owned by `ReplicaSet/web-7f5c4b96cb` → `545g6`. */
export function chipLabel(pod: LayoutPod): string {
  const { name } = ownerParts(pod.owner);
  return name !== '' && pod.name.startsWith(`${name}-`)
    ? pod.name.slice(name.length + 1)
    : pod.name;
}

interface Flow {
  readonly boxes: PodBox[];
  readonly groups: GroupLabel[];
  readonly height: number;
}

/** Lays pods out in rows inside `area`, a caption above each owner group. */
function flowPods(
  pods: readonly LayoutPod[],
  x: number,
  y: number,
  width: number,
  scope: string,
): Flow {
  const { podHeight, podMinWidth, podGap, groupLabel } = METRICS;
  const columns = Math.max(1, Math.floor((width + podGap) / (podMinWidth + podGap)));
  const podWidth = (width - podGap * (columns - 1)) / columns;
  const boxes: PodBox[] = [];
  const groups: GroupLabel[] = [];
  let cursorY = y;
  let index = 0;
  while (index < pods.length) {
    const owner = pods[index]?.owner ?? '';
    let end = index;
    while (end < pods.length && pods[end]?.owner === owner) end++;
    const parts = ownerParts(owner);
    groups.push({
      id: `${scope}|${owner}`,
      text: owner === '' ? 'No owner' : parts.name,
      kind: parts.kind,
      x,
      y: cursorY,
      width,
    });
    cursorY += groupLabel;
    for (let i = index; i < end; i++) {
      const pod = pods[i];
      if (!pod) continue;
      const col = (i - index) % columns;
      const row = Math.floor((i - index) / columns);
      boxes.push({
        key: pod.key,
        nodeName: pod.nodeName,
        label: chipLabel(pod),
        x: x + col * (podWidth + podGap),
        y: cursorY + row * (podHeight + podGap),
        width: podWidth,
        height: podHeight,
      });
    }
    const rows = Math.ceil((end - index) / columns);
    cursorY += rows * (podHeight + podGap) + 4;
    index = end;
  }
  return { boxes, groups, height: cursorY - y };
}

/**
 * `pods` must come in a stable order (namespace, owner, name): chips of one owner stay together
 * and keep their places as others come and go.
 */
export function layoutCluster(
  nodes: readonly LayoutNode[],
  pods: readonly LayoutPod[],
  width: number,
): ClusterLayout {
  const { pad, cardMinWidth, cardPad, cardHeader, queueHeader, queueEmpty } = METRICS;
  const usable = Math.max(width, cardMinWidth + 2 * pad);
  const nodeNames = new Set(nodes.map((n) => n.name));
  const queued = pods.filter((p) => p.nodeName === undefined || !nodeNames.has(p.nodeName));
  const byNode = new Map<string, LayoutPod[]>();
  for (const pod of pods) {
    if (pod.nodeName === undefined || !nodeNames.has(pod.nodeName)) continue;
    const list = byNode.get(pod.nodeName) ?? [];
    list.push(pod);
    byNode.set(pod.nodeName, list);
  }

  const boxes: PodBox[] = [];
  const groups: GroupLabel[] = [];

  // The scheduler queue lane across the top.
  const queueInner = usable - 2 * pad - 2 * cardPad;
  const queueFlow = flowPods(queued, pad + cardPad, pad + queueHeader, queueInner, 'queue');
  const queueHeight = queueHeader + (queued.length === 0 ? queueEmpty : queueFlow.height + cardPad);
  const queue: Rect = { x: pad, y: pad, width: usable - 2 * pad, height: queueHeight };
  boxes.push(...queueFlow.boxes);
  groups.push(...queueFlow.groups);

  // Node cards in a grid; each row as tall as its tallest card.
  const columns = Math.max(1, Math.floor((usable - pad) / (cardMinWidth + pad)));
  const cardWidth = (usable - pad * (columns + 1)) / columns;
  const nodeBoxes: NodeBox[] = [];
  let rowY = queue.y + queue.height + pad;
  for (let start = 0; start < nodes.length; start += columns) {
    const row = nodes.slice(start, start + columns);
    const heights = row.map((node, i) => {
      const x = pad + i * (cardWidth + pad);
      const flow = flowPods(
        byNode.get(node.name) ?? [],
        x + cardPad,
        rowY + cardHeader,
        cardWidth - 2 * cardPad,
        node.name,
      );
      boxes.push(...flow.boxes);
      groups.push(...flow.groups);
      return cardHeader + flow.height + cardPad;
    });
    const rowHeight = Math.max(...heights);
    row.forEach((node, i) => {
      nodeBoxes.push({
        name: node.name,
        x: pad + i * (cardWidth + pad),
        y: rowY,
        width: cardWidth,
        height: rowHeight,
      });
    });
    rowY += rowHeight + pad;
  }
  return { width: usable, height: rowY, queue, nodes: nodeBoxes, pods: boxes, groups };
}
