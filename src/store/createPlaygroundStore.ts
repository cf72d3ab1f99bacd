/**
 * One vanilla Zustand store per playground. It owns the simulated Cluster and a kubectl Shell;
 * every action is a verb that calls into them and then publishes one batched snapshot. Nothing
 * here touches the DOM, so tests build a store in Node with no React at all.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createCluster, type Cluster } from '../sim/index.ts';
import { Shell, type EditSession, type WatchStream } from '../kubectl/index.ts';
import { completeLine } from './completion.ts';
import { loadJson, saveJson } from './persist.ts';
import {
  announcementsFor,
  initialSnapshot,
  nextSnapshot,
  type ClusterSnapshot,
} from './snapshot.ts';
import {
  editorWorkspace,
  fileNameProblem,
  freshFileName,
  STARTER_DEPLOYMENT,
  STARTER_FILE_NAME,
  type EditorFile,
} from './workspace.ts';

export const SPEEDS = [1, 2, 5, 10, 60] as const;
export type Speed = (typeof SPEEDS)[number];

/** Where a command came from: the terminal, the editor's Apply, or a click in the cluster view. */
export type CommandSource = 'terminal' | 'editor' | 'chaos' | 'test';

export interface TranscriptEntry {
  readonly id: number;
  readonly source: CommandSource;
  readonly command: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly simTimeMs: number;
}

export type Selection =
  { readonly kind: 'pod'; readonly key: string } | { readonly kind: 'node'; readonly name: string };

export interface ApplyResult {
  readonly fileName: string;
  readonly ok: boolean;
  /** One line per object (`deployment.apps/web created`) or per error. */
  readonly lines: readonly { readonly text: string; readonly error: boolean }[];
}

export interface PlaygroundState {
  readonly seed: number;
  /** Virtual time at which the learner's session began (after the cluster's bootstrap uptime). */
  readonly sessionStartMs: number;
  readonly cluster: ClusterSnapshot;
  readonly playing: boolean;
  readonly speed: Speed;
  readonly transcript: readonly TranscriptEntry[];
  readonly files: readonly EditorFile[];
  readonly activeFile: string;
  readonly lastApply: ApplyResult | undefined;
  readonly selection: Selection | undefined;
  /** A streaming command (`kubectl get -w`) running in the terminal until Ctrl-C. */
  readonly stream: { readonly id: number; readonly description: string } | undefined;
  /** The stream's latest output; `seq` grows with every chunk. */
  readonly streamOutput: { readonly seq: number; readonly text: string };
  /** An object opened by `kubectl edit`, being edited in `fileName`. */
  readonly editSession: { readonly fileName: string; readonly title: string } | undefined;
  /** The latest polite announcement for screen readers, with a counter so repeats re-announce. */
  readonly announcement: { readonly id: number; readonly text: string };
  readonly actions: PlaygroundActions;
}

export interface PlaygroundActions {
  readonly runCommand: (line: string, stdin?: string, source?: CommandSource) => TranscriptEntry;
  readonly applyManifest: (text: string, fileName: string) => ApplyResult;
  readonly advanceBy: (ms: number) => void;
  /** Publishes a snapshot of whatever the sim did since the last one (the driver calls this). */
  readonly sync: () => void;
  readonly setSpeed: (speed: Speed) => void;
  readonly play: () => void;
  readonly pause: () => void;
  readonly togglePlay: () => void;
  /** Pauses and moves virtual time one second. */
  readonly step: () => void;
  readonly select: (selection: Selection | undefined) => void;
  /** Read-only kubectl output for the inspector (`get -o yaml`); never echoed. */
  readonly inspect: (line: string) => string;
  readonly complete: (line: string) => readonly string[];
  /** Ctrl-C on a streaming command. */
  readonly stopStream: () => void;
  /** Saves the `kubectl edit` file back to the cluster (kubectl's `edited`, or the errors). */
  readonly saveEdit: () => TranscriptEntry | undefined;
  readonly cancelEdit: () => void;
  // Editor workspace.
  readonly setActiveFile: (name: string) => void;
  readonly setFileText: (name: string, text: string) => void;
  readonly newFile: (name: string, text?: string) => string | undefined;
  readonly renameFile: (from: string, to: string) => string | undefined;
  readonly deleteFile: (name: string) => void;
  // Chaos, through the engine so behaviour matches the terminal.
  readonly deletePod: (key: string) => TranscriptEntry;
  readonly failNode: (name: string) => TranscriptEntry;
  readonly recoverNode: (name: string) => TranscriptEntry;
  readonly cordonNode: (name: string) => TranscriptEntry;
  readonly uncordonNode: (name: string) => TranscriptEntry;
  readonly addNode: () => TranscriptEntry;
}

export interface PlaygroundStoreOptions {
  readonly seed?: number;
  /** Start with the clock running (default true: a cluster runs on its own, like a real one). */
  readonly playing?: boolean;
  /** Remember editor files in localStorage (default false; the app turns it on). */
  readonly persistFiles?: boolean;
  /** A ready-made cluster (tests); otherwise a fresh default cluster for `seed`. */
  readonly cluster?: Cluster;
}

export type PlaygroundStore = StoreApi<PlaygroundState> & {
  /** The simulated cluster, for the driver and the test API. UI code reads snapshots instead. */
  readonly sim: Cluster;
};

const MAX_TRANSCRIPT = 500;
const FILES_KEY = 'editor-files';

function isEditorFiles(value: unknown): value is EditorFile[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (f) =>
        typeof f === 'object' &&
        f !== null &&
        typeof (f as EditorFile).name === 'string' &&
        typeof (f as EditorFile).text === 'string',
    )
  );
}

/** kubectl's apply output, one result line per object; errors keep their own lines. */
function applyLines(stdout: string, stderr: string): ApplyResult['lines'] {
  const lines: { text: string; error: boolean }[] = [];
  for (const text of stdout.split('\n')) if (text !== '') lines.push({ text, error: false });
  for (const text of stderr.split('\n')) if (text !== '') lines.push({ text, error: true });
  return lines;
}

export function createPlaygroundStore(options: PlaygroundStoreOptions = {}): PlaygroundStore {
  const seed = options.seed ?? 1;
  const cluster = options.cluster ?? createCluster({ seed });
  const persistFiles = options.persistFiles ?? false;
  const stored = persistFiles ? loadJson(FILES_KEY) : undefined;
  const initialFiles: EditorFile[] = isEditorFiles(stored)
    ? stored
    : [{ name: STARTER_FILE_NAME, text: STARTER_DEPLOYMENT }];
  let nextEntryId = 1;
  let nextAnnouncementId = 1;

  // The store is created below; the workspace reads its files lazily.
  let getFiles: () => readonly EditorFile[] = () => initialFiles;
  const shell = new Shell(cluster, {
    workspace: editorWorkspace(() => getFiles()),
    editor: true,
  });
  let activeStream: WatchStream | undefined;
  let activeEdit: EditSession | undefined;
  let nextStreamSeq = 1;

  const store = createStore<PlaygroundState>()((set, get) => {
    /** Publishes one snapshot for everything that happened since the last one. */
    const publish = (extra: Partial<PlaygroundState> = {}): void => {
      const prev = get().cluster;
      const next = nextSnapshot(cluster, prev);
      const patch: { -readonly [K in keyof PlaygroundState]?: PlaygroundState[K] } = { ...extra };
      if (activeStream) {
        const text = activeStream.poll();
        if (text !== '') patch.streamOutput = { seq: nextStreamSeq++, text };
      }
      if (next !== prev) {
        patch.cluster = next;
        const said = announcementsFor(cluster.api.changeLog.since(prev.lastChangeSeq));
        if (said.length > 0)
          patch.announcement = {
            id: nextAnnouncementId++,
            text:
              said.length > 3
                ? `${said.slice(0, 3).join('. ')}. And ${String(said.length - 3)} more changes.`
                : said.join('. '),
          };
      }
      if (Object.keys(patch).length > 0) set(patch);
    };

    const saveFiles = (files: readonly EditorFile[]): void => {
      if (persistFiles) saveJson(FILES_KEY, files);
    };

    const run = (
      line: string,
      stdin: string | undefined,
      source: CommandSource,
    ): TranscriptEntry => {
      const result = shell.run(line, stdin);
      const entry: TranscriptEntry = {
        id: nextEntryId++,
        source,
        command: stdin === undefined ? line : `${line} <<EOF`,
        exitCode: result.exitCode,
        stdout: result.stdout,
        stderr: result.stderr,
        simTimeMs: cluster.now(),
      };
      const transcript = [...get().transcript, entry].slice(-MAX_TRANSCRIPT);
      const extra: Partial<PlaygroundState> = { transcript };
      if (result.stream) {
        if (source === 'terminal') {
          activeStream?.stop();
          activeStream = result.stream;
          Object.assign(extra, {
            stream: { id: entry.id, description: result.stream.description },
          });
        } else result.stream.stop();
      }
      if (result.edit) {
        activeEdit = result.edit;
        const fileName = `edit-${result.edit.title.replace(/[^A-Za-z0-9._-]+/g, '-')}.yaml`;
        const files = get().files.filter((f) => f.name !== fileName);
        Object.assign(extra, {
          files: [...files, { name: fileName, text: result.edit.text }],
          activeFile: fileName,
          editSession: { fileName, title: result.edit.title },
        });
      }
      publish(extra);
      return entry;
    };

    const podArgs = (key: string): string => {
      const [namespace = 'default', name = ''] = key.split('/');
      return `${name} -n ${namespace}`;
    };

    const actions: PlaygroundActions = {
      runCommand: (line, stdin, source = 'terminal') => run(line, stdin, source),

      applyManifest(text, fileName) {
        actions.setFileText(fileName, text);
        const entry = run(`kubectl apply -f ${fileName}`, undefined, 'editor');
        const result: ApplyResult = {
          fileName,
          ok: entry.exitCode === 0,
          lines: applyLines(entry.stdout, entry.stderr),
        };
        set({ lastApply: result });
        return result;
      },

      advanceBy(ms) {
        if (ms <= 0) return;
        cluster.advance(ms);
        publish();
      },

      sync() {
        publish();
      },

      setSpeed(speed) {
        if (get().speed !== speed) set({ speed });
      },
      play() {
        if (!get().playing) set({ playing: true });
      },
      pause() {
        if (get().playing) set({ playing: false });
      },
      togglePlay() {
        set({ playing: !get().playing });
      },
      step() {
        set({ playing: false });
        actions.advanceBy(1000);
      },

      select(selection) {
        set({ selection });
      },

      inspect(line) {
        const result = shell.run(line);
        return result.exitCode === 0 ? result.stdout : result.stderr;
      },

      complete: (line) => completeLine(line, cluster, shell.namespace),

      stopStream() {
        activeStream?.stop();
        activeStream = undefined;
        if (get().stream) set({ stream: undefined });
      },

      saveEdit() {
        const edit = get().editSession;
        if (!edit || !activeEdit) return undefined;
        const text = get().files.find((f) => f.name === edit.fileName)?.text ?? '';
        let result: { exitCode: number; stdout: string; stderr: string };
        try {
          result = activeEdit.save(text);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          result = { exitCode: 1, stdout: '', stderr: `error: ${message}\n` };
        }
        cluster.settle();
        const entry: TranscriptEntry = {
          id: nextEntryId++,
          source: 'editor',
          command: `kubectl edit ${edit.title}`,
          exitCode: result.exitCode,
          stdout: result.stdout,
          stderr: result.stderr,
          simTimeMs: cluster.now(),
        };
        // kubectl reopens the file on errors; on success the session ends.
        if (result.exitCode === 0) activeEdit = undefined;
        publish({
          transcript: [...get().transcript, entry].slice(-MAX_TRANSCRIPT),
          ...(result.exitCode === 0 ? { editSession: undefined } : {}),
        });
        return entry;
      },

      cancelEdit() {
        activeEdit = undefined;
        set({ editSession: undefined });
      },

      setActiveFile(name) {
        if (get().files.some((f) => f.name === name)) set({ activeFile: name });
      },
      setFileText(name, text) {
        const files = get().files;
        const existing = files.find((f) => f.name === name);
        if (existing?.text === text) return;
        const next = existing
          ? files.map((f) => (f.name === name ? { name, text } : f))
          : [...files, { name, text }];
        set({ files: next });
        saveFiles(next);
      },
      newFile(name, text = '') {
        const files = get().files;
        const problem = fileNameProblem(
          name,
          files.map((f) => f.name),
        );
        if (problem) return problem;
        const next = [...files, { name, text }];
        set({ files: next, activeFile: name });
        saveFiles(next);
        return undefined;
      },
      renameFile(from, to) {
        const files = get().files;
        if (from === to) return undefined;
        const problem = fileNameProblem(
          to,
          files.map((f) => f.name),
        );
        if (problem) return problem;
        const next = files.map((f) => (f.name === from ? { ...f, name: to } : f));
        set({ files: next, activeFile: get().activeFile === from ? to : get().activeFile });
        saveFiles(next);
        return undefined;
      },
      deleteFile(name) {
        const files = get().files;
        let next = files.filter((f) => f.name !== name);
        if (next.length === 0) next = [{ name: freshFileName('untitled.yaml', []), text: '' }];
        const active = get().activeFile === name ? (next[0]?.name ?? '') : get().activeFile;
        set({ files: next, activeFile: active });
        saveFiles(next);
      },

      deletePod: (key) => run(`kubectl delete pod ${podArgs(key)}`, undefined, 'chaos'),
      failNode: (name) => run(`node fail ${name}`, undefined, 'chaos'),
      recoverNode: (name) => run(`node recover ${name}`, undefined, 'chaos'),
      cordonNode: (name) => run(`kubectl cordon ${name}`, undefined, 'chaos'),
      uncordonNode: (name) => run(`kubectl uncordon ${name}`, undefined, 'chaos'),
      addNode() {
        const taken = [...get().cluster.objects.nodes.keys()];
        let i = 1;
        while (taken.includes(`node-${String(i)}`)) i++;
        return run(`node add node-${String(i)}`, undefined, 'chaos');
      },
    };

    return {
      seed,
      sessionStartMs: cluster.now(),
      cluster: initialSnapshot(cluster),
      playing: options.playing ?? true,
      speed: 1,
      transcript: [],
      files: initialFiles,
      activeFile: initialFiles[0]?.name ?? STARTER_FILE_NAME,
      lastApply: undefined,
      selection: undefined,
      stream: undefined,
      streamOutput: { seq: 0, text: '' },
      editSession: undefined,
      announcement: { id: 0, text: '' },
      actions,
    };
  });
  getFiles = () => store.getState().files;
  return Object.assign(store, { sim: cluster });
}
