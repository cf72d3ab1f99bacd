/** The playground: header, then editor | cluster view | side panel, with resizable splits. */
import { useState, type ReactNode } from 'react';
import { ClusterMap } from '../../viz/cluster-map/ClusterMap.tsx';
import { EditorPanel } from '../editor/EditorPanel.tsx';
import { Header } from './Header.tsx';
import { SidePanel } from './SidePanel.tsx';
import { Splitter } from './Splitter.tsx';

export function App(): ReactNode {
  // Start proportional to the window: the terminal wide enough for `kubectl get pods` rows.
  const [left, setLeft] = useState(() => Math.round(Math.max(300, window.innerWidth * 0.27)));
  const [right, setRight] = useState(() => Math.round(Math.max(420, window.innerWidth * 0.38)));
  return (
    <div className="app">
      <a className="skip-link" href="#cluster-map-title">
        Skip to the cluster view
      </a>
      <Header />
      <main
        className="workspace"
        style={{
          gridTemplateColumns: `${String(left)}px 6px minmax(320px, 1fr) 6px ${String(right)}px`,
        }}
      >
        <EditorPanel />
        <Splitter
          label="Resize the editor"
          value={left}
          min={260}
          max={760}
          direction={1}
          onChange={setLeft}
        />
        <ClusterMap />
        <Splitter
          label="Resize the side panel"
          value={right}
          min={320}
          max={900}
          direction={-1}
          onChange={setRight}
        />
        <SidePanel />
      </main>
    </div>
  );
}
