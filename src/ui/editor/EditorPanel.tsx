/**
 * The manifest editor: file tabs (new from a template, rename, delete), Monaco loaded lazily (a
 * plain textarea until it arrives, so typing never waits), Apply (button or Ctrl/Cmd+Enter) with
 * the per-object results inline. The store keeps the text; a failed apply never loses it.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import {
  freshFileName,
  TEMPLATES,
  useActions,
  usePlayground,
  usePlaygroundStore,
  type PlaygroundState,
} from '../../store/index.ts';
import type { MountedEditor, mountEditor } from './monacoEditor.ts';

const selectFiles = (s: PlaygroundState) => s.files;
const selectActive = (s: PlaygroundState) => s.activeFile;
const selectLastApply = (s: PlaygroundState) => s.lastApply;
const selectEditSession = (s: PlaygroundState) => s.editSession;

/** `kubectl edit` in the browser: the live object is open in a file; Save applies it. */
function EditBanner(): ReactNode {
  const session = usePlayground(selectEditSession);
  const active = usePlayground(selectActive);
  const actions = useActions();
  if (!session) return null;
  return (
    <div className="edit-banner" role="region" aria-label="kubectl edit">
      <span>
        <strong>kubectl edit</strong> {session.title}
        {active !== session.fileName ? ` (in ${session.fileName})` : ''}
      </span>
      <span className="toolbar-spacer" />
      <button
        type="button"
        className="button button-primary"
        onClick={() => {
          actions.saveEdit();
        }}
      >
        Save edit
      </button>
      <button
        type="button"
        className="button"
        onClick={() => {
          actions.cancelEdit();
        }}
      >
        Cancel
      </button>
    </div>
  );
}

interface MonacoModule {
  readonly mountEditor: typeof mountEditor;
}
let monacoPromise: Promise<MonacoModule> | undefined;
/** Starts loading Monaco (idempotent): on idle after start-up, or when the editor is touched. */
export function preloadMonaco(): Promise<MonacoModule> {
  monacoPromise ??= import('./monacoEditor.ts');
  return monacoPromise;
}

function useDarkTheme(): boolean {
  const [dark, setDark] = useState(() => document.documentElement.dataset.theme === 'dark');
  useEffect(() => {
    const observer = new MutationObserver(() => {
      setDark(document.documentElement.dataset.theme === 'dark');
    });
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme'],
    });
    return () => {
      observer.disconnect();
    };
  }, []);
  return dark;
}

function FileTabs(): ReactNode {
  const files = usePlayground(selectFiles);
  const active = usePlayground(selectActive);
  const actions = useActions();
  const [renaming, setRenaming] = useState<string | undefined>(undefined);
  const [draftName, setDraftName] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [menuOpen, setMenuOpen] = useState(false);

  const commitRename = () => {
    if (renaming === undefined) return;
    const error = actions.renameFile(renaming, draftName.trim());
    if (error) setProblem(error);
    else {
      setRenaming(undefined);
      setProblem(undefined);
    }
  };

  return (
    <div className="file-tabs">
      <div role="tablist" aria-label="Files" className="file-tablist">
        {files.map((file) =>
          renaming === file.name ? (
            <input
              key={file.name}
              className="file-rename"
              aria-label={`New name for ${file.name}`}
              aria-invalid={problem !== undefined}
              aria-describedby={problem ? 'file-name-problem' : undefined}
              value={draftName}
              // eslint-disable-next-line jsx-a11y/no-autofocus -- the learner just asked to rename.
              autoFocus
              onChange={(e) => {
                setDraftName(e.currentTarget.value);
              }}
              onBlur={commitRename}
              onKeyDown={(e) => {
                if (e.key === 'Enter') commitRename();
                if (e.key === 'Escape') {
                  setRenaming(undefined);
                  setProblem(undefined);
                }
              }}
            />
          ) : (
            <div key={file.name} className="file-tab" data-active={file.name === active}>
              <button
                type="button"
                role="tab"
                aria-selected={file.name === active}
                className="file-tab-name"
                onClick={() => {
                  actions.setActiveFile(file.name);
                }}
                onDoubleClick={() => {
                  setRenaming(file.name);
                  setDraftName(file.name);
                }}
                title="Double-click to rename"
              >
                {file.name}
              </button>
              {file.name === active && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Rename ${file.name}`}
                  title="Rename"
                  onClick={() => {
                    setRenaming(file.name);
                    setDraftName(file.name);
                  }}
                >
                  ✎
                </button>
              )}
              <button
                type="button"
                className="icon-button"
                aria-label={`Delete ${file.name}`}
                title="Delete file"
                onClick={() => {
                  if (file.text.trim() === '' || window.confirm(`Delete ${file.name}?`))
                    actions.deleteFile(file.name);
                }}
              >
                ×
              </button>
            </div>
          ),
        )}
      </div>
      <div className="menu">
        <button
          type="button"
          className="icon-button"
          aria-label="New file"
          aria-haspopup="menu"
          aria-expanded={menuOpen}
          title="New file"
          onClick={() => {
            setMenuOpen(!menuOpen);
          }}
        >
          +
        </button>
        {menuOpen && (
          <div role="menu" className="menu-popup" aria-label="New file">
            {[{ label: 'Empty file', fileName: 'untitled.yaml', text: '' }, ...TEMPLATES].map(
              (t) => (
                <button
                  key={t.label}
                  type="button"
                  role="menuitem"
                  className="menu-item"
                  onClick={() => {
                    const name = freshFileName(
                      t.fileName,
                      files.map((f) => f.name),
                    );
                    actions.newFile(name, t.text);
                    setMenuOpen(false);
                  }}
                >
                  {t.label}
                </button>
              ),
            )}
          </div>
        )}
      </div>
      {problem && (
        <p id="file-name-problem" className="field-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

function ApplyResults(): ReactNode {
  const result = usePlayground(selectLastApply);
  if (!result) return null;
  return (
    <div className="apply-results" data-ok={result.ok} aria-live="polite">
      <span className="apply-results-title">
        {result.ok ? '✓' : '✕'} kubectl apply -f {result.fileName}
      </span>
      <ul>
        {result.lines.map((line, i) => (
          <li key={i} data-error={line.error}>
            {line.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function EditorPanel(): ReactNode {
  const files = usePlayground(selectFiles);
  const active = usePlayground(selectActive);
  const actions = useActions();
  const dark = useDarkTheme();
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<MountedEditor | undefined>(undefined);
  const [monacoState, setMonacoState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const activeText = files.find((f) => f.name === active)?.text ?? '';
  const store = usePlaygroundStore();

  // The store holds what is typed: read the active file at the moment of Apply.
  const apply = useCallback(() => {
    const state = store.getState();
    const file = state.activeFile;
    state.actions.applyManifest(state.files.find((f) => f.name === file)?.text ?? '', file);
  }, [store]);

  useEffect(() => {
    let cancelled = false;
    preloadMonaco()
      .then((mod) => {
        const host = hostRef.current;
        if (cancelled || !host) return;
        editorRef.current = mod.mountEditor(host, {
          onChange: (name, text) => {
            actions.setFileText(name, text);
          },
          onApply: apply,
          dark: document.documentElement.dataset.theme === 'dark',
        });
        setMonacoState('ready');
      })
      .catch(() => {
        if (!cancelled) setMonacoState('failed');
      });
    return () => {
      cancelled = true;
      editorRef.current?.dispose();
      editorRef.current = undefined;
    };
  }, [actions, apply]);

  useEffect(() => {
    editorRef.current?.show(active, activeText);
  }, [active, activeText, monacoState]);

  useEffect(() => {
    editorRef.current?.setTheme(dark);
  }, [dark, monacoState]);

  return (
    <section className="editor-panel" aria-labelledby="editor-title">
      <div className="pane-toolbar">
        <h2 id="editor-title" className="pane-title">
          Editor
        </h2>
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="button button-primary"
          onClick={apply}
          title="kubectl apply -f (Ctrl/Cmd+Enter)"
          aria-keyshortcuts="Control+Enter Meta+Enter"
        >
          Apply
        </button>
      </div>
      <FileTabs />
      <EditBanner />
      <div className="editor-body">
        {monacoState !== 'ready' && (
          <textarea
            className="editor-fallback"
            aria-label="YAML editor"
            spellCheck={false}
            value={activeText}
            onChange={(e) => {
              actions.setFileText(active, e.currentTarget.value);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                apply();
              }
            }}
          />
        )}
        <div
          className="monaco-host"
          ref={hostRef}
          hidden={monacoState !== 'ready'}
          data-testid="monaco-host"
        />
      </div>
      {monacoState === 'failed' && (
        <p className="field-problem">
          The full editor could not load; this plain editor still applies.
        </p>
      )}
      <ApplyResults />
    </section>
  );
}
