/**
 * The lesson slice: which lesson and step the learner is on, hints revealed, live check results and
 * saved progress. It is a small vanilla store of its own beside the playground store: it watches
 * the playground's snapshots and re-evaluates the current step's checks whenever the cluster
 * changes, and it acts only through the playground's actions (as a learner would) or, when a lesson
 * starts, by preparing a fresh cluster for the host to wrap in a new playground.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { parseScript, Shell } from '../kubectl/index.ts';
import {
  checkContext,
  evaluateStep,
  parseAll,
  setupCommands,
  type Lesson,
  type LessonFile,
  type Snippet,
  type Step,
  type StepResult,
  type Track,
} from '../lesson-engine/index.ts';
import { createCluster, type Cluster } from '../sim/index.ts';
import type { PlaygroundStore } from './createPlaygroundStore.ts';
import { loadJson, saveJson } from './persist.ts';

export interface LessonProgress {
  /** Step numbers the learner completed (checks all green at some point). */
  readonly completed: readonly number[];
  /** Hints revealed per step number. */
  readonly hints: Readonly<Record<string, number>>;
  /** The step the learner was last on. */
  readonly step: number;
}

export interface LessonPosition {
  readonly track: string;
  readonly lesson: string;
}

export interface LessonState {
  readonly tracks: readonly Track[];
  /** Lesson files that failed to parse (shown to authors in development). */
  readonly loadErrors: readonly string[];
  readonly current: LessonPosition | undefined;
  /** 1-based step number; 0 = the introduction; steps + 1 = the finish. */
  readonly step: number;
  /** Live results of the current step's checks. */
  readonly results: StepResult | undefined;
  readonly solutionShown: boolean;
  /** Progress by `track/lesson`. */
  readonly progress: Readonly<Record<string, LessonProgress>>;
  readonly actions: LessonActions;
}

export interface LessonActions {
  /** Opens a lesson (fresh cluster when the host supports it) at a step (default: where they left off). */
  readonly openLesson: (track: string, lesson: string, step?: number) => void;
  readonly closeLesson: () => void;
  readonly goToStep: (step: number) => void;
  readonly revealHint: () => void;
  readonly showSolution: () => void;
  /** Inserts the step's snippets into the editor and types the solution into the terminal. */
  readonly runSolution: () => void;
  readonly insertSnippet: (snippet: Snippet) => void;
  /** Starts the lesson again from a fresh cluster and clears its progress. */
  readonly resetLesson: () => void;
  /** Re-evaluates the current step's checks now. */
  readonly evaluate: () => void;
  /** Replaces the lesson files (development: a lesson file was edited). */
  readonly reloadFiles: (files: readonly LessonFile[]) => void;
  /** Progress and the current results as JSON, for an instructor to collect. */
  readonly exportProgress: () => string;
  /** Reads an exported file; returns an error message, or undefined on success. */
  readonly importProgress: (text: string) => string | undefined;
}

export interface LessonStoreOptions {
  readonly files: readonly LessonFile[];
  /** The playground the learner works in. */
  readonly playground: PlaygroundStore;
  /**
   * Called with a freshly prepared cluster when a lesson starts or is reset; the host wraps it in a
   * new playground store (createPlaygroundStore({ cluster })), shows it, and returns it. Without
   * it, lessons run in the current playground and their set-up is applied on top.
   */
  readonly startPlayground?: (cluster: Cluster) => PlaygroundStore;
  /** Remember progress in localStorage under `kubeplay:lessons-progress` (default true). */
  readonly persist?: boolean;
}

export type LessonStore = StoreApi<LessonState>;

const PROGRESS_KEY = 'lessons-progress';
const EMPTY_PROGRESS: LessonProgress = { completed: [], hints: {}, step: 0 };

export function findLesson(
  tracks: readonly Track[],
  position: LessonPosition | undefined,
): Lesson | undefined {
  if (!position) return undefined;
  return tracks.find((t) => t.id === position.track)?.lessons.find((l) => l.id === position.lesson);
}

export function selectCurrentLesson(state: LessonState): Lesson | undefined {
  return findLesson(state.tracks, state.current);
}

export function selectCurrentStep(state: LessonState): Step | undefined {
  return selectCurrentLesson(state)?.steps[state.step - 1];
}

function isProgress(value: unknown): value is Record<string, LessonProgress> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every(
    (p: unknown) =>
      typeof p === 'object' &&
      p !== null &&
      Array.isArray((p as LessonProgress).completed) &&
      typeof (p as LessonProgress).step === 'number' &&
      typeof (p as LessonProgress).hints === 'object',
  );
}

/** Prepares a lesson's cluster: seed, workers, extra nodes, manifests, set-up script. */
export function prepareLessonCluster(lesson: Lesson): Cluster {
  const cluster = createCluster({ seed: lesson.cluster.seed, workers: lesson.cluster.workers });
  const shell = new Shell(cluster);
  for (const command of setupCommands(lesson)) shell.run(command.line, command.stdin);
  for (const command of parseScript(lesson.cluster.setup)) shell.run(command.line, command.stdin);
  return cluster;
}

export function createLessonStore(options: LessonStoreOptions): LessonStore {
  const persist = options.persist ?? true;
  const parsed = parseAll(options.files);
  let playground = options.playground;
  let unsubscribe: () => void = () => undefined;
  let stepStartSeq = playground.sim.api.changeLog.length;
  let stepStartMs = playground.sim.now();
  let lastSeq = -1;
  let watchPlayground: (next: PlaygroundStore) => void = () => undefined;
  const stored = persist ? loadJson(PROGRESS_KEY) : undefined;

  const store = createStore<LessonState>()((set, get) => {
    const key = (): string | undefined => {
      const c = get().current;
      return c ? `${c.track}/${c.lesson}` : undefined;
    };
    const progressOf = (): LessonProgress => {
      const k = key();
      return (k && get().progress[k]) || EMPTY_PROGRESS;
    };
    const saveProgress = (next: LessonProgress): void => {
      const k = key();
      if (!k) return;
      const progress = { ...get().progress, [k]: next };
      set({ progress });
      if (persist) saveJson(PROGRESS_KEY, progress);
    };

    const evaluate = (): void => {
      const step = selectCurrentStep(get());
      if (!step) {
        if (get().results) set({ results: undefined });
        return;
      }
      const results = evaluateStep(checkContext(playground.sim, stepStartSeq, stepStartMs), step);
      set({ results });
      const progress = progressOf();
      if (results.complete && !progress.completed.includes(step.number))
        saveProgress({
          ...progress,
          completed: [...progress.completed, step.number].sort((a, b) => a - b),
        });
    };

    const watch = (next: PlaygroundStore): void => {
      unsubscribe();
      playground = next;
      lastSeq = -1;
      unsubscribe = playground.subscribe((state) => {
        if (state.cluster.lastChangeSeq === lastSeq) return;
        lastSeq = state.cluster.lastChangeSeq;
        evaluate();
      });
    };

    watchPlayground = watch;

    const beginStep = (step: number): void => {
      stepStartSeq = playground.sim.api.changeLog.length;
      stepStartMs = playground.sim.now();
      set({ step, solutionShown: false });
      saveProgress({ ...progressOf(), step });
      evaluate();
    };

    const start = (lesson: Lesson): void => {
      if (options.startPlayground) watch(options.startPlayground(prepareLessonCluster(lesson)));
      else {
        const run = playground.getState().actions.runCommand;
        for (const c of setupCommands(lesson)) run(c.line, c.stdin, 'test');
        for (const c of parseScript(lesson.cluster.setup)) run(c.line, c.stdin, 'test');
      }
      const actions = playground.getState().actions;
      for (const file of lesson.files) actions.setFileText(file.name, file.text);
      const first = lesson.files[0];
      if (first) actions.setActiveFile(first.name);
    };

    const actions: LessonActions = {
      openLesson(track, id, step) {
        const lesson = findLesson(get().tracks, { track, lesson: id });
        if (!lesson) return;
        const same = get().current?.track === track && get().current?.lesson === id;
        set({ current: { track, lesson: id } });
        if (!same) start(lesson);
        const target = step ?? progressOf().step;
        beginStep(Math.min(Math.max(target, 0), lesson.steps.length + 1));
      },
      closeLesson() {
        set({ current: undefined, step: 0, results: undefined, solutionShown: false });
      },
      goToStep(step) {
        const lesson = selectCurrentLesson(get());
        if (!lesson || step < 0 || step > lesson.steps.length + 1 || step === get().step) return;
        beginStep(step);
      },
      revealHint() {
        const step = selectCurrentStep(get());
        if (!step) return;
        const progress = progressOf();
        const shown = progress.hints[String(step.number)] ?? 0;
        if (shown >= step.hints.length) return;
        saveProgress({
          ...progress,
          hints: { ...progress.hints, [String(step.number)]: shown + 1 },
        });
      },
      showSolution() {
        if (!get().solutionShown) set({ solutionShown: true });
      },
      runSolution() {
        const step = selectCurrentStep(get());
        if (!step) return;
        for (const snippet of step.snippets) actions.insertSnippet(snippet);
        const run = playground.getState().actions.runCommand;
        for (const command of parseScript(step.solution))
          run(command.line, command.stdin, 'terminal');
        set({ solutionShown: true });
      },
      insertSnippet(snippet) {
        const editor = playground.getState().actions;
        editor.setFileText(snippet.file, snippet.text);
        editor.setActiveFile(snippet.file);
      },
      resetLesson() {
        const lesson = selectCurrentLesson(get());
        if (!lesson) return;
        saveProgress(EMPTY_PROGRESS);
        start(lesson);
        beginStep(1);
      },
      evaluate,
      reloadFiles(files) {
        const next = parseAll(files);
        set({ tracks: next.tracks, loadErrors: next.errors.map((e) => e.message) });
        evaluate();
      },
      exportProgress() {
        return `${JSON.stringify(
          {
            kind: 'kubeplay-lesson-progress',
            version: 1,
            progress: get().progress,
            current: get().current,
            step: get().step,
            results: get().results,
          },
          null,
          2,
        )}\n`;
      },
      importProgress(text) {
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          return 'This file is not a Kubeplay progress export (it is not JSON).';
        }
        const data = value as { kind?: unknown; progress?: unknown };
        if (data.kind !== 'kubeplay-lesson-progress' || !isProgress(data.progress))
          return 'This file is not a Kubeplay progress export.';
        set({ progress: data.progress });
        if (persist) saveJson(PROGRESS_KEY, data.progress);
        return undefined;
      },
    };

    return {
      tracks: parsed.tracks,
      loadErrors: parsed.errors.map((e) => e.message),
      current: undefined,
      step: 0,
      results: undefined,
      solutionShown: false,
      progress: isProgress(stored) ? stored : {},
      actions,
    };
  });
  watchPlayground(options.playground);
  return store;
}
