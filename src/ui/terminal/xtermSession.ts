/**
 * The terminal session: xterm.js with our line editor, wired to the store's kubectl engine.
 * Everything the engine runs, whatever its source (this prompt, the editor's Apply, a chaos click),
 * is printed here from the store's transcript, so the terminal is the single log of commands.
 * Loaded with a dynamic import: xterm is ~70 KB gzip, kept out of the initial bundle.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal, type ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import {
  loadJson,
  saveJson,
  type PlaygroundStore,
  type TranscriptEntry,
} from '../../store/index.ts';
import { LineEditor, type LineEditorEffect } from './lineEditor.ts';

const HISTORY_KEY = 'terminal-history';

const HELP = [
  'Kubeplay terminal: a simulated Kubernetes v1.32 cluster, answered by a kubectl engine.',
  '',
  '  kubectl get pods              list pods (also: nodes, deployments, events, all, -o wide|yaml)',
  '  kubectl apply -f deployment.yaml   apply a file from the editor',
  '  kubectl apply -f - <<EOF      paste a manifest, end it with a line "EOF"',
  '  kubectl delete pod <name>     delete a pod; its ReplicaSet makes a new one',
  '  kubectl scale deployment web --replicas=5',
  '  advance 30s                   move virtual time forward (500ms, 30s, 5m, 1h)',
  '  node add|fail|recover <name>  add a machine, crash one, bring it back',
  '  clear                         clear the screen (or Ctrl-L)',
  '',
  'Keys: ↑/↓ history, Tab completion, Ctrl-C cancel, Ctrl-A/Ctrl-E start/end of line.',
  'The word "kubectl" is optional, as is "k".',
];

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function themeFromCss(): ITheme {
  return {
    background: cssVar('--term-bg'),
    foreground: cssVar('--term-fg'),
    cursor: cssVar('--term-fg'),
    cursorAccent: cssVar('--term-bg'),
    selectionBackground: cssVar('--term-selection'),
    green: cssVar('--term-green'),
    brightGreen: cssVar('--term-green'),
    red: cssVar('--term-red'),
    brightRed: cssVar('--term-red'),
    blue: cssVar('--term-blue'),
    cyan: cssVar('--term-blue'),
    yellow: cssVar('--term-yellow'),
    brightBlack: cssVar('--term-dim'),
  };
}

/** Output for the terminal: `\r\n` line ends; errors in red. */
function formatOutput(entry: TranscriptEntry): string {
  const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
  let out = crlf(entry.stdout);
  if (entry.stderr !== '') out += `\x1b[31m${crlf(entry.stderr)}\x1b[0m`;
  return out;
}

function sourceNote(entry: TranscriptEntry): string {
  if (entry.source === 'editor') return ' \x1b[2m# from the editor\x1b[0m';
  if (entry.source === 'chaos') return ' \x1b[2m# from the cluster view\x1b[0m';
  return '';
}

function loadHistory(): string[] {
  const stored = loadJson(HISTORY_KEY);
  return Array.isArray(stored) ? stored.filter((l): l is string => typeof l === 'string') : [];
}

export function attachTerminal(host: HTMLElement, store: PlaygroundStore): () => void {
  const term = new Terminal({
    screenReaderMode: true,
    cursorBlink: true,
    convertEol: false,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    fontSize: 13,
    lineHeight: 1.2,
    scrollback: 5000,
    theme: themeFromCss(),
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  // xterm's hidden textarea is what assistive technology and Playwright type into.
  term.textarea?.setAttribute('aria-label', 'Terminal input');
  const safeFit = () => {
    try {
      if (host.clientWidth > 0 && host.clientHeight > 0) fit.fit();
    } catch {
      // The panel is hidden (another tab): fit again when it shows.
    }
  };
  safeFit();

  const editor = new LineEditor({
    history: loadHistory(),
    complete: (before) => store.getState().actions.complete(before),
  });
  let running = false;

  term.writeln(
    '\x1b[1mKubeplay\x1b[0m — a simulated Kubernetes v1.32 cluster. Type \x1b[1mhelp\x1b[0m to start.',
  );
  term.write(editor.render());

  const printEntry = (entry: TranscriptEntry) => {
    if (entry.source === 'terminal' && running) {
      term.write(formatOutput(entry));
      return;
    }
    term.write(editor.erase());
    term.write(`\x1b[1;32m$\x1b[0m ${entry.command}${sourceNote(entry)}\r\n${formatOutput(entry)}`);
    term.write(editor.render());
  };

  // Commands run before the terminal loaded (an early Apply) are printed too.
  let seen = 0;
  const unsubscribe = store.subscribe((state, prev) => {
    if (state.streamOutput !== prev.streamOutput && state.streamOutput.text !== '')
      term.write(state.streamOutput.text.replace(/\r?\n/g, '\r\n'));
    if (state.transcript === prev.transcript) return;
    for (const entry of state.transcript) {
      if (entry.id <= seen) continue;
      seen = entry.id;
      printEntry(entry);
    }
  });

  const runLine = (line: string, stdin?: string) => {
    const trimmed = line.trim();
    if (trimmed === 'clear') {
      term.clear();
      return;
    }
    if (trimmed === 'help') {
      term.write(HELP.map((l) => `${l}\r\n`).join(''));
      return;
    }
    if (trimmed === '') return;
    running = true;
    try {
      store.getState().actions.runCommand(line, stdin, 'terminal');
    } finally {
      running = false;
    }
  };

  const streaming = () => store.getState().stream !== undefined;
  const apply = (effects: LineEditorEffect[]) => {
    for (const effect of effects) {
      if (effect.type === 'write') term.write(effect.data);
      else if (effect.type === 'clear') term.clear();
      else {
        runLine(effect.line, effect.stdin);
        saveJson(HISTORY_KEY, editor.historyEntries);
        // A streaming command (get -w) owns the terminal until Ctrl-C: no prompt yet.
        if (!streaming()) term.write(editor.render());
      }
    }
  };
  const dataListener = term.onData((data) => {
    if (streaming()) {
      if (data.includes('\x03')) {
        store.getState().actions.stopStream();
        term.write(`^C\r\n${editor.render()}`);
      }
      return;
    }
    apply(editor.feed(data));
  });

  const resizeObserver = new ResizeObserver(safeFit);
  resizeObserver.observe(host);
  const themeObserver = new MutationObserver(() => {
    term.options.theme = themeFromCss();
  });
  themeObserver.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-theme'],
  });

  return () => {
    themeObserver.disconnect();
    resizeObserver.disconnect();
    dataListener.dispose();
    unsubscribe();
    term.dispose();
  };
}
