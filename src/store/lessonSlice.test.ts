import { describe, expect, it } from 'vitest';
import { createPlaygroundStore, type PlaygroundStore } from './createPlaygroundStore.ts';
import { createLessonStore, selectCurrentStep } from './lessonSlice.ts';

const TRACK = { path: 'lessons/demo/track.md', text: '---\ntitle: Demo\norder: 1\n---\n' };
const LESSON = {
  path: 'lessons/demo/01-scale.md',
  text: `---
id: scale
title: Scale
track: demo
order: 1
objectives: [Scale]
estimatedMinutes: 5
cluster:
  seed: 4
  nodes:
    - name: extra-1
files:
  - name: web.yaml
    text: |
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
            - name: nginx
              image: nginx:1.27
---

Intro.

## Apply

\`\`\`yaml step
hints: [one, two]
solution: |
  kubectl apply -f web.yaml
  advance 30s
checks:
  - title: two ready
    field: deployment/web
    path: .status.readyReplicas
    equals: 2
    message: "{actual} ready"
\`\`\`

## Done

Bye.
`,
};

function setup(): {
  lessons: ReturnType<typeof createLessonStore>;
  current: () => PlaygroundStore;
} {
  let current = createPlaygroundStore({ playing: false });
  const lessons = createLessonStore({
    files: [TRACK, LESSON],
    playground: current,
    persist: false,
    startPlayground: (cluster) => {
      current = createPlaygroundStore({ cluster, playing: false });
      return current;
    },
  });
  return { lessons, current: () => current };
}

describe('the lesson slice', () => {
  it('opens a lesson on a fresh cluster with its nodes and starter files', () => {
    const { lessons, current } = setup();
    expect(lessons.getState().loadErrors).toEqual([]);
    lessons.getState().actions.openLesson('demo', 'scale', 1);
    expect(current().sim.seed).toBe(4);
    expect(current().sim.api.get('nodes', '', 'extra-1')).toBeDefined();
    expect(
      current()
        .getState()
        .files.some((f) => f.name === 'web.yaml'),
    ).toBe(true);
    expect(selectCurrentStep(lessons.getState())?.title).toBe('Apply');
    expect(lessons.getState().results).toMatchObject({
      complete: false,
      checks: [
        { title: 'two ready', passed: false, message: 'deployment/web does not exist yet.' },
      ],
    });
  });

  it('re-evaluates when the cluster changes and records the step as complete', () => {
    const { lessons, current } = setup();
    lessons.getState().actions.openLesson('demo', 'scale', 1);
    current().getState().actions.runCommand('kubectl apply -f web.yaml');
    expect(lessons.getState().results?.complete).toBe(false);
    current().getState().actions.advanceBy(30_000);
    expect(lessons.getState().results?.complete).toBe(true);
    expect(lessons.getState().progress['demo/scale']?.completed).toEqual([1]);
  });

  it('runs the solution through the terminal and reveals hints one at a time', () => {
    const { lessons, current } = setup();
    const { actions } = lessons.getState();
    actions.openLesson('demo', 'scale', 1);
    actions.revealHint();
    actions.revealHint();
    actions.revealHint();
    expect(lessons.getState().progress['demo/scale']?.hints).toEqual({ '1': 2 });
    actions.runSolution();
    expect(
      current()
        .getState()
        .transcript.map((e) => e.command),
    ).toEqual(['kubectl apply -f web.yaml', 'advance 30s']);
    expect(lessons.getState().results?.complete).toBe(true);
    expect(lessons.getState().solutionShown).toBe(true);
  });

  it('exports progress and imports it back, refusing other files', () => {
    const { lessons } = setup();
    lessons.getState().actions.openLesson('demo', 'scale', 1);
    lessons.getState().actions.runSolution();
    const exported = lessons.getState().actions.exportProgress();
    const other = setup().lessons;
    expect(other.getState().actions.importProgress('{"kind":"other"}')).toMatch(/not a Kubeplay/);
    expect(other.getState().actions.importProgress(exported)).toBeUndefined();
    expect(other.getState().progress['demo/scale']?.completed).toEqual([1]);
  });

  it('resets a lesson to a fresh cluster and clears its progress', () => {
    const { lessons, current } = setup();
    lessons.getState().actions.openLesson('demo', 'scale', 1);
    lessons.getState().actions.runSolution();
    const before = current();
    lessons.getState().actions.resetLesson();
    expect(current()).not.toBe(before);
    expect(current().sim.api.get('deployments.apps', 'default', 'web')).toBeUndefined();
    expect(lessons.getState().progress['demo/scale']?.completed).toEqual([]);
    expect(lessons.getState().results?.complete).toBe(false);
  });
});
