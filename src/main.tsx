/** The browser entry: the first playground store, its host (driver, lesson swaps), the app, and (with ?e2e) the test API. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createPlaygroundStore, type PlaygroundStore } from './store/index.ts';
import { installTestApi, wantsTestApi } from './testApi.ts';
import { App } from './ui/app/App.tsx';
import { PlaygroundHost } from './ui/app/PlaygroundHost.tsx';
import { initTheme } from './ui/app/theme.ts';
import { preloadMonaco } from './ui/editor/EditorPanel.tsx';
import './ui/app/app.css';

initTheme();

const params = new URLSearchParams(window.location.search);
const seedParam = Number(params.get('seed'));
const e2e = wantsTestApi(window.location.search);
const store = createPlaygroundStore({
  seed: Number.isInteger(seedParam) && seedParam > 0 ? seedParam : 1,
  playing: !params.has('paused'),
  persistFiles: !e2e,
});
let current: PlaygroundStore = store;
if (e2e) installTestApi(() => current);
const onStore = (next: PlaygroundStore): void => {
  current = next;
};

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <PlaygroundHost initial={store} persistFiles={!e2e} onStore={onStore}>
        <App />
      </PlaygroundHost>
    </StrictMode>,
  );
}

// Monaco is large: fetch it once the page is idle, so the editor is ready when the learner is.
if ('requestIdleCallback' in window) requestIdleCallback(() => void preloadMonaco());
else setTimeout(() => void preloadMonaco(), 500);
