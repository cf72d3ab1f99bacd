/**
 * The Inspector: the selected pod or node's status, its events, chaos actions and its live YAML
 * exactly as `kubectl get … -o yaml` prints it (run through the engine, not re-serialised here).
 */
import { useMemo, type ReactNode } from 'react';
import type { KubeObject } from '../../sim/index.ts';
import {
  podView,
  selectEventRows,
  selectNodeViews,
  useActions,
  usePlayground,
  type EventRow,
  type PlaygroundState,
} from '../../store/index.ts';

const selectSelection = (s: PlaygroundState) => s.selection;
const selectSelectedObject = (s: PlaygroundState) => {
  const sel = s.selection;
  if (!sel) return undefined;
  return sel.kind === 'pod'
    ? s.cluster.objects.pods.get(sel.key)
    : s.cluster.objects.nodes.get(sel.name);
};
const selectNodes = (s: PlaygroundState) => selectNodeViews(s.cluster);
const selectEvents = (s: PlaygroundState) => selectEventRows(s.cluster);

function EventList(props: { readonly rows: readonly EventRow[] }): ReactNode {
  if (props.rows.length === 0) return <p className="empty-note">No events.</p>;
  return (
    <ul className="inspector-events">
      {/* Oldest first, as the Events section of kubectl describe lists them. */}
      {[...props.rows]
        .slice(0, 30)
        .reverse()
        .map((r) => (
          <li key={r.key} data-type={r.type}>
            <span className="event-reason">{r.reason}</span> {r.message}
            {r.count > 1 ? <span className="pane-meta"> (×{r.count})</span> : null}
          </li>
        ))}
    </ul>
  );
}

interface ConditionLike {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
}

/** The object's status.conditions, as `kubectl describe` lists them. */
function Conditions(props: { readonly object: KubeObject }): ReactNode {
  const status = props.object.status as { conditions?: readonly ConditionLike[] } | undefined;
  const conditions = status?.conditions ?? [];
  if (conditions.length === 0) return <p className="empty-note">No conditions.</p>;
  return (
    <table className="conditions">
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col">Status</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {conditions.map((c) => (
          <tr key={c.type} title={c.message}>
            <td>{c.type}</td>
            <td data-status={c.status}>{c.status}</td>
            <td>{c.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Fact(props: { readonly label: string; readonly children: ReactNode }): ReactNode {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

export function InspectorPanel(): ReactNode {
  const selection = usePlayground(selectSelection);
  const object = usePlayground(selectSelectedObject);
  const nodes = usePlayground(selectNodes);
  const events = usePlayground(selectEvents);
  const actions = useActions();

  const yaml = useMemo(() => {
    if (!selection || !object) return '';
    return selection.kind === 'pod'
      ? actions.inspect(
          `kubectl get pod ${object.metadata.name ?? ''} -n ${object.metadata.namespace ?? 'default'} -o yaml`,
        )
      : actions.inspect(`kubectl get node ${selection.name} -o yaml`);
  }, [actions, selection, object]);

  if (!selection) {
    return (
      <div className="inspector-empty">
        <p>Select a pod or a node in the cluster view to see its status, events and live YAML.</p>
        <p className="pane-meta">
          Tip: pods and nodes are reachable with Tab; press Enter to select.
        </p>
      </div>
    );
  }

  if (!object) {
    const label = selection.kind === 'pod' ? `Pod ${selection.key}` : `Node ${selection.name}`;
    return (
      <div className="inspector-empty">
        <p>{label} no longer exists.</p>
        <button
          type="button"
          className="button"
          onClick={() => {
            actions.select(undefined);
          }}
        >
          Clear selection
        </button>
      </div>
    );
  }

  if (selection.kind === 'pod') {
    const view = podView(object);
    const podEvents = events.filter(
      (e) =>
        e.involvedKind === 'Pod' && e.involvedName === view.name && e.namespace === view.namespace,
    );
    return (
      <div className="inspector">
        <header className="inspector-header">
          <h3>
            <span className="kind-badge">Pod</span> {view.name}
          </h3>
          <span className="status-pill" data-tone={view.tone}>
            {view.status}
          </span>
        </header>
        <dl className="facts">
          <Fact label="Namespace">{view.namespace}</Fact>
          <Fact label="Node">{view.nodeName ?? '<none> (waiting for the scheduler)'}</Fact>
          <Fact label="Ready">{view.ready}</Fact>
          <Fact label="Restarts">{view.restarts}</Fact>
          <Fact label="Controlled by">{view.owner || '<none>'}</Fact>
        </dl>
        <div className="inspector-actions" role="group" aria-label="Pod actions">
          <button
            type="button"
            className="button button-danger"
            onClick={() => {
              actions.deletePod(view.key);
            }}
          >
            Delete pod
          </button>
        </div>
        <h4>Conditions</h4>
        <Conditions object={object} />
        <h4>Events</h4>
        <EventList rows={podEvents} />
        <h4>YAML</h4>
        <pre className="yaml">{yaml}</pre>
      </div>
    );
  }

  const node = nodes.find((n) => n.name === selection.name);
  const nodeEvents = events.filter(
    (e) => e.involvedKind === 'Node' && e.involvedName === selection.name,
  );
  return (
    <div className="inspector">
      <header className="inspector-header">
        <h3>
          <span className="kind-badge">Node</span> {selection.name}
        </h3>
        {node && (
          <span
            className="status-pill"
            data-tone={node.ready ? (node.unschedulable ? 'warning' : 'ok') : 'error'}
          >
            {node.status}
          </span>
        )}
      </header>
      {node && (
        <dl className="facts">
          <Fact label="Roles">{node.roles.join(', ') || '<none>'}</Fact>
          <Fact label="Taints">{node.taints.join(', ') || '<none>'}</Fact>
          <Fact label="CPU requests">{node.cpuText}</Fact>
          <Fact label="Memory requests">{node.memoryText}</Fact>
          <Fact label="Pods">
            {node.podCount} / {node.podCapacity}
          </Fact>
        </dl>
      )}
      <div className="inspector-actions" role="group" aria-label="Node actions">
        <button
          type="button"
          className="button button-danger"
          onClick={() => {
            actions.failNode(selection.name);
          }}
        >
          Fail node
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            actions.recoverNode(selection.name);
          }}
        >
          Recover node
        </button>
        {node?.unschedulable ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              actions.uncordonNode(selection.name);
            }}
          >
            Uncordon
          </button>
        ) : (
          <button
            type="button"
            className="button"
            onClick={() => {
              actions.cordonNode(selection.name);
            }}
          >
            Cordon
          </button>
        )}
      </div>
      <h4>Conditions</h4>
      <Conditions object={object} />
      <h4>Events</h4>
      <EventList rows={nodeEvents} />
      <h4>YAML</h4>
      <pre className="yaml">{yaml}</pre>
    </div>
  );
}
