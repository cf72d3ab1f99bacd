import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createPlaygroundStore } from '../../store/createPlaygroundStore.ts';
import { createLessonStore } from '../../store/lessonSlice.ts';
import { BUNDLED_LESSON_FILES } from './bundledLessons.ts';
import { LessonPanel } from './LessonPanel.tsx';

function lessonStore() {
  const store = createLessonStore({
    files: BUNDLED_LESSON_FILES,
    playground: createPlaygroundStore({ playing: false }),
    persist: false,
    startPlayground: (cluster) => createPlaygroundStore({ cluster, playing: false }),
  });
  // Server rendering reads zustand's initial state; these tests render the current one.
  return Object.assign(store, { getInitialState: store.getState });
}

describe('LessonPanel', () => {
  it('bundles every lesson file without errors', () => {
    const store = lessonStore();
    expect(store.getState().loadErrors).toEqual([]);
    const ids = store.getState().tracks.map((t) => t.id);
    expect(ids[0]).toBe('foundations');
    expect(ids).toEqual(expect.arrayContaining(['workloads', 'scheduling', 'networking']));
  });

  it('lists the tracks and their lessons when no lesson is open', () => {
    const html = renderToString(<LessonPanel store={lessonStore()} />);
    expect(html).toContain('Foundations');
    expect(html).toContain('href="#/lessons/foundations/why-orchestration"');
    expect(html).toContain('0 of 3 steps');
  });

  it('shows a step with its snippet, live checks, hints and solution buttons', () => {
    const store = lessonStore();
    store.getState().actions.openLesson('foundations', 'pods-and-manifests', 1);
    const html = renderToString(<LessonPanel store={store} />);
    expect(html).toContain('Step 1: Write a Pod manifest');
    expect(html).toContain('Insert into editor');
    expect(html).toContain('The Pod hello exists');
    expect(html).toContain('There is no Pod called hello yet. Apply pod.yaml.');
    expect(html).toContain('Show a hint (1 of 2)');
    expect(html).toContain('Run solution');
    store.getState().actions.runSolution();
    expect(renderToString(<LessonPanel store={store} />)).toContain('Step complete.');
  });
});
