/** The Events tab: `kubectl get events` as a live, filterable table (newest first). */
import { useMemo, useState, type ReactNode } from 'react';
import {
  formatAge,
  selectEventRows,
  usePlayground,
  type PlaygroundState,
} from '../../store/index.ts';

const selectRows = (s: PlaygroundState) => selectEventRows(s.cluster);
/** Ages change once a second; re-rendering per frame would be wasted work. */
const selectNowSeconds = (s: PlaygroundState) => Math.floor(s.cluster.simTimeMs / 1000);
const MAX_ROWS = 300;

export function EventsPanel(): ReactNode {
  const rows = usePlayground(selectRows);
  const nowSeconds = usePlayground(selectNowSeconds);
  const [filter, setFilter] = useState('');
  const [type, setType] = useState<'all' | 'Normal' | 'Warning'>('all');

  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return rows
      .filter((r) => type === 'all' || r.type === type)
      .filter(
        (r) =>
          needle === '' ||
          `${r.namespace} ${r.reason} ${r.object} ${r.message}`.toLowerCase().includes(needle),
      )
      .slice(0, MAX_ROWS);
  }, [rows, filter, type]);

  return (
    <div className="events-panel">
      <div className="events-filters">
        <label className="field">
          <span className="visually-hidden">Filter events</span>
          <input
            type="search"
            placeholder="Filter by object, reason or message"
            value={filter}
            onChange={(e) => {
              setFilter(e.currentTarget.value);
            }}
          />
        </label>
        <label className="field">
          <span className="visually-hidden">Event type</span>
          <select
            value={type}
            onChange={(e) => {
              setType(e.currentTarget.value as 'all' | 'Normal' | 'Warning');
            }}
          >
            <option value="all">All types</option>
            <option value="Normal">Normal</option>
            <option value="Warning">Warning</option>
          </select>
        </label>
        <span className="pane-meta">
          {visible.length} of {rows.length}
        </span>
      </div>
      <div className="table-scroll">
        <table className="events-table" aria-label="Events">
          <thead>
            <tr>
              <th scope="col">LAST SEEN</th>
              <th scope="col">TYPE</th>
              <th scope="col">REASON</th>
              <th scope="col">OBJECT</th>
              <th scope="col">MESSAGE</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => (
              <tr key={r.key} data-type={r.type}>
                <td className="mono">{formatAge(nowSeconds * 1000 - r.lastSeenMs)}</td>
                <td>{r.type}</td>
                <td>{r.reason}</td>
                <td className="mono">{r.object}</td>
                <td>{r.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {visible.length === 0 && (
          <p className="empty-note">
            {rows.length === 0 ? 'No events yet.' : 'No events match this filter.'}
          </p>
        )}
      </div>
    </div>
  );
}
