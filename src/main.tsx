/** The browser entry: one playground store, its sim driver, the app, and (with ?e2e) the test API. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import {
  browserHost,
  createPlaygroundStore,
  createSimDriver,
  PlaygroundProvider,
} from './store/index.ts';
import { installTestApi, wantsTestApi } from './testApi.ts';
import { App } from './ui/app/App.tsx';
import { initTheme } from './ui/app/theme.ts';
import { preloadMonaco } from './ui/editor/EditorPanel.tsx';
import './ui/app/app.css';

initTheme();

const params = new URLSearchParams(window.location.search);
const seedParam = Number(params.get('seed'));
const store = createPlaygroundStore({
  seed: Number.isInteger(seedParam) && seedParam > 0 ? seedParam : 1,
  playing: !params.has('paused'),
  persistFiles: !wantsTestApi(window.location.search),
});
if (wantsTestApi(window.location.search)) installTestApi(store);
createSimDriver(store, browserHost()).start();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <PlaygroundProvider store={store}>
        <App />
      </PlaygroundProvider>
    </StrictMode>,
  );
}

// Monaco is large: fetch it once the page is idle, so the editor is ready when the learner is.
if ('requestIdleCallback' in window) requestIdleCallback(() => void preloadMonaco());
else setTimeout(() => void preloadMonaco(), 500);
