/**
 * The cluster map's framework-free renderer (xyflow-style `{update, destroy}`): d3 joins node
 * cards and pod chips, keyed by name, into plain HTML so text, focus and screen readers work as
 * on any page. Positions come from the pure layout; moves and fades are CSS transitions on
 * `transform`/`opacity`, turned off under reduced motion.
 */
import { select, type Selection } from 'd3-selection';
import type { NodeView, PodView } from '../../store/index.ts';
import { layoutCluster, METRICS, type GroupLabel, type NodeBox, type PodBox } from './layout.ts';

export interface ClusterMapData {
  readonly nodes: readonly NodeView[];
  readonly pods: readonly PodView[];
  readonly selectedPod: string | undefined;
  readonly selectedNode: string | undefined;
  readonly reducedMotion: boolean;
}

export interface ClusterMapCallbacks {
  readonly onSelectPod: (key: string) => void;
  readonly onSelectNode: (name: string) => void;
}

export interface ClusterMapRenderer {
  update(data: ClusterMapData): void;
  resize(width: number): void;
  destroy(): void;
}

interface PodDatum {
  readonly view: PodView;
  readonly box: PodBox;
}

interface NodeDatum {
  readonly view: NodeView;
  readonly box: NodeBox;
}

const EXIT_MS = 320;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** DOM ids are derived from keys (`default/web-…` → `pod-default--web-…`). */
export function podElementId(key: string): string {
  return `pod-${key.replace(/[^A-Za-z0-9_-]/g, '--')}`;
}

function nodeTone(view: NodeView): string {
  if (!view.ready) return 'error';
  return view.unschedulable ? 'warning' : 'ok';
}

function percent(used: number, total: number): string {
  return `${String(total > 0 ? Math.min(100, (used / total) * 100) : 0)}%`;
}

function buildNodeCard(card: HTMLElement): void {
  const header = el('div', 'cmap-node-header');
  header.append(
    el('span', 'cmap-node-name'),
    el('span', 'cmap-node-role'),
    el('span', 'cmap-status'),
  );
  const taints = el('div', 'cmap-taints');
  const bars = el('div', 'cmap-bars');
  for (const resource of ['cpu', 'memory']) {
    const row = el('div', `cmap-bar cmap-bar-${resource}`);
    const label = el('div', 'cmap-bar-label');
    label.append(
      el('span', 'cmap-bar-name', resource === 'cpu' ? 'CPU' : 'Memory'),
      el('span', 'cmap-bar-value'),
    );
    const track = el('div', 'cmap-bar-track');
    track.append(el('div', 'cmap-bar-fill'));
    row.append(label, track);
    bars.append(row);
  }
  const count = el('div', 'cmap-pod-count');
  card.append(header, taints, bars, count);
}

function updateNodeCard(card: HTMLElement, d: NodeDatum, podIds: string): void {
  const { view, box } = d;
  card.style.transform = `translate(${String(box.x)}px, ${String(box.y)}px)`;
  card.style.width = `${String(box.width)}px`;
  card.style.height = `${String(box.height)}px`;
  card.dataset.tone = nodeTone(view);
  card.setAttribute('aria-label', `Node ${view.name}, ${view.status}`);
  if (podIds) card.setAttribute('aria-owns', podIds);
  else card.removeAttribute('aria-owns');
  const q = <T extends Element>(selector: string): T => card.querySelector(selector) as T;
  q<HTMLElement>('.cmap-node-name').textContent = view.name;
  q<HTMLElement>('.cmap-node-role').textContent = view.roles.join(', ');
  const status = q<HTMLElement>('.cmap-status');
  status.textContent = view.status;
  status.dataset.tone = nodeTone(view);
  const taints = q<HTMLElement>('.cmap-taints');
  taints.textContent = view.taints.length === 0 ? 'No taints' : view.taints.join('  ');
  taints.title = taints.textContent;
  taints.classList.toggle('cmap-taints-none', view.taints.length === 0);
  const cpu = q<HTMLElement>('.cmap-bar-cpu');
  (cpu.querySelector('.cmap-bar-value') as HTMLElement).textContent = view.cpuText;
  (cpu.querySelector('.cmap-bar-fill') as HTMLElement).style.width = percent(
    view.cpuRequestedMilli,
    view.cpuAllocatableMilli,
  );
  const memory = q<HTMLElement>('.cmap-bar-memory');
  (memory.querySelector('.cmap-bar-value') as HTMLElement).textContent = view.memoryText;
  (memory.querySelector('.cmap-bar-fill') as HTMLElement).style.width = percent(
    view.memoryRequestedBytes,
    view.memoryAllocatableBytes,
  );
  q<HTMLElement>('.cmap-pod-count').textContent =
    `${String(view.podCount)} / ${String(view.podCapacity)} pods`;
}

function buildPodChip(chip: HTMLElement): void {
  chip.append(
    el('span', 'cmap-pod-dot'),
    el('span', 'cmap-pod-name'),
    el('span', 'cmap-pod-status'),
    el('span', 'cmap-pod-restarts'),
  );
}

function updatePodChip(chip: HTMLElement, d: PodDatum, selected: boolean): void {
  const { view, box } = d;
  chip.style.transform = `translate(${String(box.x)}px, ${String(box.y)}px)`;
  chip.style.width = `${String(box.width)}px`;
  chip.style.height = `${String(box.height)}px`;
  chip.dataset.tone = view.tone;
  chip.dataset.status = view.status;
  chip.setAttribute('aria-label', `Pod ${view.name}, ${view.status}`);
  chip.setAttribute('aria-pressed', String(selected));
  chip.title = `${view.namespace}/${view.name}\n${view.status} · ${view.ready} ready · ${String(view.restarts)} restarts${view.nodeName ? `\non ${view.nodeName}` : '\nwaiting for the scheduler'}`;
  (chip.querySelector('.cmap-pod-name') as HTMLElement).textContent = box.label;
  (chip.querySelector('.cmap-pod-status') as HTMLElement).textContent = view.status;
  const restarts = chip.querySelector('.cmap-pod-restarts') as HTMLElement;
  restarts.textContent = view.restarts > 0 ? `↻${String(view.restarts)}` : '';
  restarts.hidden = view.restarts === 0;
}

export function createClusterMapRenderer(
  root: HTMLElement,
  callbacks: ClusterMapCallbacks,
  initialWidth: number,
): ClusterMapRenderer {
  let width = initialWidth;
  let last: ClusterMapData | undefined;
  const container = select(root).append('div').attr('class', 'cmap');
  const queue = container.append('section').attr('class', 'cmap-queue').attr('role', 'group');
  queue.append('h3').attr('class', 'cmap-queue-title').text('Scheduler queue');
  queue.append('p').attr('class', 'cmap-queue-empty').text('No pods waiting to be scheduled');
  const cardLayer = container.append('div').attr('class', 'cmap-layer-nodes');
  const groupLayer = container
    .append('div')
    .attr('class', 'cmap-layer-groups')
    .attr('aria-hidden', 'true');
  const podLayer = container.append('div').attr('class', 'cmap-layer-pods');

  const onKey =
    (action: () => void) =>
    (event: KeyboardEvent): void => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        action();
      }
    };

  const timers = new Set<ReturnType<typeof setTimeout>>();
  /** Fades leaving elements out (a CSS transition), then removes them; at once under reduced motion. */
  function leave<E extends HTMLElement, D>(
    exit: Selection<E, D, HTMLDivElement, unknown>,
    duration: number,
  ): void {
    exit.classed('cmap-leaving', true).attr('aria-hidden', 'true').style('opacity', '0');
    if (duration === 0) {
      exit.remove();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      exit.filter('.cmap-leaving').remove();
    }, duration);
    timers.add(timer);
  }

  function render(data: ClusterMapData): void {
    const layout = layoutCluster(data.nodes, data.pods, width);
    const podsByKey = new Map(data.pods.map((p) => [p.key, p]));
    const nodesByName = new Map(data.nodes.map((n) => [n.name, n]));
    const duration = data.reducedMotion ? 0 : EXIT_MS;
    container
      .style('height', `${String(layout.height)}px`)
      .classed('cmap-reduced-motion', data.reducedMotion);

    const queued = layout.pods.filter(
      (p) => p.nodeName === undefined || !nodesByName.has(p.nodeName),
    );
    queue
      .style('transform', `translate(${String(layout.queue.x)}px, ${String(layout.queue.y)}px)`)
      .style('width', `${String(layout.queue.width)}px`)
      .style('height', `${String(layout.queue.height)}px`)
      .attr(
        'aria-label',
        `Scheduler queue, ${String(queued.length)} pending ${queued.length === 1 ? 'pod' : 'pods'}`,
      )
      .attr('aria-owns', queued.map((p) => podElementId(p.key)).join(' ') || null);
    queue.select('.cmap-queue-empty').style('display', queued.length === 0 ? 'block' : 'none');

    const podIdsByNode = new Map<string, string[]>();
    for (const box of layout.pods) {
      if (box.nodeName === undefined) continue;
      const ids = podIdsByNode.get(box.nodeName) ?? [];
      ids.push(podElementId(box.key));
      podIdsByNode.set(box.nodeName, ids);
    }

    const nodeData: NodeDatum[] = [];
    for (const box of layout.nodes) {
      const view = nodesByName.get(box.name);
      if (view) nodeData.push({ view, box });
    }
    cardLayer
      .selectAll<HTMLDivElement, NodeDatum>('.cmap-node:not(.cmap-leaving)')
      .data(nodeData, (d) => d.view.name)
      .join(
        (enter) =>
          enter
            .append('div')
            .attr('class', 'cmap-node cmap-entering')
            .attr('role', 'group')
            .attr('tabindex', 0)
            .each(function build() {
              buildNodeCard(this);
            })
            .on('click', (_event: MouseEvent, d) => {
              callbacks.onSelectNode(d.view.name);
            })
            .on('keydown', (event: KeyboardEvent, d) => {
              if (event.target === event.currentTarget)
                onKey(() => {
                  callbacks.onSelectNode(d.view.name);
                })(event);
            }),
        (update) => update.classed('cmap-leaving', false).style('opacity', null),
        (exit) => {
          leave(exit, duration);
        },
      )
      .each(function paint(d) {
        updateNodeCard(this, d, (podIdsByNode.get(d.view.name) ?? []).join(' '));
        this.classList.toggle('cmap-selected', data.selectedNode === d.view.name);
      });

    groupLayer
      .selectAll<HTMLDivElement, GroupLabel>('.cmap-group')
      .data(layout.groups, (d) => d.id)
      .join((enter) => {
        const g = enter.append('div').attr('class', 'cmap-group');
        g.append('span').attr('class', 'cmap-group-kind');
        g.append('span').attr('class', 'cmap-group-name');
        return g;
      })
      .style('transform', (d) => `translate(${String(d.x)}px, ${String(d.y)}px)`)
      .style('width', (d) => `${String(d.width)}px`)
      .each(function paint(d) {
        (this.querySelector('.cmap-group-kind') as HTMLElement).textContent = d.kind;
        (this.querySelector('.cmap-group-name') as HTMLElement).textContent = d.text;
      });

    const podData: PodDatum[] = [];
    for (const box of layout.pods) {
      const view = podsByKey.get(box.key);
      if (view) podData.push({ view, box });
    }
    const pods = podLayer
      .selectAll<HTMLButtonElement, PodDatum>('.cmap-pod:not(.cmap-leaving)')
      .data(podData, (d) => d.view.key)
      .join(
        (enter) =>
          enter
            .append('button')
            .attr('type', 'button')
            .attr('class', 'cmap-pod cmap-entering')
            .attr('id', (d) => podElementId(d.view.key))
            .each(function build() {
              buildPodChip(this);
            })
            .on('click', (_event: MouseEvent, d) => {
              callbacks.onSelectPod(d.view.key);
            }),
        (update) => update.classed('cmap-leaving', false).style('opacity', null),
        (exit) => {
          leave(exit.attr('tabindex', -1), duration);
        },
      )
      .order();

    // New pods start where the scheduler queue is, then travel (CSS transition) to their place;
    // everything new fades in. Flushing styles once makes the start state the one transitioned from.
    const entering = pods.filter('.cmap-entering');
    if (!entering.empty()) {
      const start = `translate(${String(layout.queue.x + METRICS.cardPad)}px, ${String(layout.queue.y + METRICS.queueHeader)}px)`;
      entering.style('transform', start);
      root.getBoundingClientRect();
    }
    pods.each(function paint(d) {
      updatePodChip(this, d, data.selectedPod === d.view.key);
    });
    if (!entering.empty() || !container.selectAll('.cmap-entering').empty()) {
      root.getBoundingClientRect();
      container.selectAll('.cmap-entering').classed('cmap-entering', false);
    }
  }

  return {
    update(data) {
      last = data;
      render(data);
    },
    resize(next) {
      if (Math.abs(next - width) < 1) return;
      width = next;
      if (last) render(last);
    },
    destroy() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      container.remove();
    },
  };
}
