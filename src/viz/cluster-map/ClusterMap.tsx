/**
 * The cluster map's React shell: it owns the renderer's lifetime, feeds it view models from the
 * store, and hosts the toolbar and the polite live region. All drawing is in the renderer.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  selectNodeViews,
  selectPodViews,
  useActions,
  usePlayground,
  type PlaygroundState,
} from '../../store/index.ts';
import { useReducedMotion } from '../useReducedMotion.ts';
import { createClusterMapRenderer, type ClusterMapRenderer } from './clusterMapRenderer.ts';

const selectNodes = (s: PlaygroundState) => selectNodeViews(s.cluster);
const selectPods = (s: PlaygroundState) => selectPodViews(s.cluster);
const selectSelection = (s: PlaygroundState) => s.selection;
const selectAnnouncement = (s: PlaygroundState) => s.announcement;

export function ClusterMap(): ReactNode {
  const nodes = usePlayground(selectNodes);
  const allPods = usePlayground(selectPods);
  const selection = usePlayground(selectSelection);
  const announcement = usePlayground(selectAnnouncement);
  const actions = useActions();
  const reducedMotion = useReducedMotion();
  const [showSystem, setShowSystem] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const rendererRef = useRef<ClusterMapRenderer | undefined>(undefined);

  const pods = useMemo(
    () => (showSystem ? allPods : allPods.filter((p) => !p.system)),
    [allPods, showSystem],
  );

  useEffect(() => {
    const root = rootRef.current;
    const scroller = scrollRef.current;
    if (!root || !scroller) return undefined;
    const renderer = createClusterMapRenderer(
      root,
      {
        onSelectPod: (key) => {
          actions.select({ kind: 'pod', key });
        },
        onSelectNode: (name) => {
          actions.select({ kind: 'node', name });
        },
      },
      scroller.clientWidth,
    );
    rendererRef.current = renderer;
    const observer = new ResizeObserver(() => {
      renderer.resize(scroller.clientWidth);
    });
    observer.observe(scroller);
    return () => {
      observer.disconnect();
      renderer.destroy();
      rendererRef.current = undefined;
    };
  }, [actions]);

  useEffect(() => {
    rendererRef.current?.update({
      nodes,
      pods,
      selectedPod: selection?.kind === 'pod' ? selection.key : undefined,
      selectedNode: selection?.kind === 'node' ? selection.name : undefined,
      reducedMotion,
    });
  }, [nodes, pods, selection, reducedMotion]);

  return (
    <section className="cluster-map" aria-labelledby="cluster-map-title">
      <div className="pane-toolbar">
        <h2 id="cluster-map-title" className="pane-title">
          Cluster
        </h2>
        <span className="pane-meta">
          {nodes.length} nodes · {pods.length} pods
        </span>
        <span className="toolbar-spacer" />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={showSystem}
            onChange={(e) => {
              setShowSystem(e.currentTarget.checked);
            }}
          />
          System pods ({allPods.filter((p) => p.system).length})
        </label>
        <button
          type="button"
          className="button"
          onClick={() => {
            actions.addNode();
          }}
        >
          Add node
        </button>
      </div>
      <div
        className="cluster-map-scroll"
        ref={scrollRef}
        data-reduced-motion={reducedMotion ? 'true' : 'false'}
      >
        <div ref={rootRef} />
      </div>
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement.text}
      </div>
    </section>
  );
}
