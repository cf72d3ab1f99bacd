/**
 * Monaco and monaco-yaml, reached only through a dynamic import so they cost nothing until the
 * editor opens. monaco-editor is pinned to 0.54.0: monaco-yaml 5.5.1 breaks with 0.55+.
 * No network: schema requests are off and every worker is bundled.
 */
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import { configureMonacoYaml, type MonacoYamlOptions } from 'monaco-yaml';
import { loadEditorSchema } from '../../store/index.ts';
import YamlWorker from './yaml.worker.js?worker';

declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

window.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string): Worker {
    if (label === 'yaml') return new YamlWorker();
    if (label === 'editorWorkerService') return new EditorWorker();
    throw new Error(`Kubeplay bundles no Monaco worker for "${label}"`);
  },
};

// isKubernetes stays false: with true, monaco-yaml merges every kind's enums into each message.
const yamlOptions: MonacoYamlOptions = {
  enableSchemaRequest: false,
  isKubernetes: false,
  validate: true,
  hover: true,
  completion: true,
  schemas: [],
};
const monacoYaml = configureMonacoYaml(monaco, yamlOptions);
// The schema (every simulated kind, from the served OpenAPI spec) arrives a moment later; the
// URI is only an identifier, ending in .json so monaco-yaml never tries to fetch it.
void loadEditorSchema().then((schema) =>
  monacoYaml.update({
    ...yamlOptions,
    schemas: [{ uri: 'file:///kubeplay/kubernetes.schema.json', fileMatch: ['*'], schema }],
  }),
);

export interface MountedEditor {
  /** Shows `name`'s model, creating it with `text` the first time. */
  show(name: string, text: string): void;
  /** Replaces a model's text when the store changed it from elsewhere. */
  sync(name: string, text: string): void;
  setTheme(dark: boolean): void;
  focus(): void;
  dispose(): void;
}

export interface MountOptions {
  readonly onChange: (name: string, text: string) => void;
  readonly onApply: () => void;
  readonly dark: boolean;
}

export function mountEditor(host: HTMLElement, options: MountOptions): MountedEditor {
  const models = new Map<string, monaco.editor.ITextModel>();
  let current = '';
  const editor = monaco.editor.create(host, {
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    tabSize: 2,
    insertSpaces: true,
    scrollBeyondLastLine: false,
    renderWhitespace: 'none',
    guides: { indentation: true },
    ariaLabel: 'YAML editor',
    theme: options.dark ? 'vs-dark' : 'vs',
    model: null,
  });
  editor.addAction({
    id: 'kubeplay.apply',
    label: 'Apply this file (kubectl apply -f)',
    keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
    run: () => {
      options.onApply();
    },
  });

  const modelFor = (name: string, text: string): monaco.editor.ITextModel => {
    let model = models.get(name);
    if (!model || model.isDisposed()) {
      const language = name.endsWith('.json') ? 'json' : 'yaml';
      model = monaco.editor.createModel(text, language, monaco.Uri.parse(`file:///${name}`));
      model.onDidChangeContent(() => {
        const m = models.get(name);
        if (m) options.onChange(name, m.getValue());
      });
      models.set(name, model);
    }
    return model;
  };

  return {
    show(name, text) {
      const model = modelFor(name, text);
      if (model.getValue() !== text) model.setValue(text);
      if (current !== name) {
        current = name;
        editor.setModel(model);
      }
    },
    sync(name, text) {
      const model = models.get(name);
      if (model && model.getValue() !== text) model.setValue(text);
    },
    setTheme(dark) {
      monaco.editor.setTheme(dark ? 'vs-dark' : 'vs');
    },
    focus() {
      editor.focus();
    },
    dispose() {
      editor.dispose();
      for (const model of models.values()) model.dispose();
      models.clear();
    },
  };
}
