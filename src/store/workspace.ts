/**
 * The editor's files: a starter manifest, templates for common kinds, and the in-memory Workspace
 * that `kubectl apply -f <file>` reads in the browser.
 */
import type { Workspace } from '../kubectl/index.ts';

export interface EditorFile {
  readonly name: string;
  readonly text: string;
}

export const STARTER_FILE_NAME = 'deployment.yaml';

export const STARTER_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
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
          ports:
            - containerPort: 80
          resources:
            requests:
              cpu: 250m
              memory: 128Mi
`;

export interface Template {
  readonly label: string;
  readonly fileName: string;
  readonly text: string;
}

/** Starting points for common kinds; each is a valid v1.32 manifest. */
export const TEMPLATES: readonly Template[] = [
  { label: 'Deployment', fileName: 'deployment.yaml', text: STARTER_DEPLOYMENT },
  {
    label: 'Pod',
    fileName: 'pod.yaml',
    text: `apiVersion: v1
kind: Pod
metadata:
  name: hello
  labels:
    app: hello
spec:
  containers:
    - name: hello
      image: busybox:1.36
      command: ["sh", "-c", "echo Hello Kubernetes && sleep 3600"]
`,
  },
  {
    label: 'Service',
    fileName: 'service.yaml',
    text: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 80
`,
  },
  {
    label: 'ConfigMap',
    fileName: 'configmap.yaml',
    text: `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  LOG_LEVEL: info
`,
  },
  {
    label: 'Namespace',
    fileName: 'namespace.yaml',
    text: `apiVersion: v1
kind: Namespace
metadata:
  name: team-a
`,
  },
  {
    label: 'DaemonSet',
    fileName: 'daemonset.yaml',
    text: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      containers:
        - name: agent
          image: busybox:1.36
          command: ["sh", "-c", "sleep 3600"]
`,
  },
];

/** File names a learner may use: no folders, no spaces, a YAML or JSON extension. */
export function fileNameProblem(name: string, existing: readonly string[]): string | undefined {
  if (name.trim() === '') return 'A file needs a name.';
  if (!/^[A-Za-z0-9._-]+$/.test(name))
    return 'Use letters, digits, dots, dashes and underscores only.';
  if (!/\.(ya?ml|json)$/.test(name)) return 'End the name with .yaml, .yml or .json.';
  if (existing.includes(name)) return `A file named "${name}" already exists.`;
  return undefined;
}

/** A name like `untitled-2.yaml` not yet taken. */
export function freshFileName(base: string, existing: readonly string[]): string {
  if (!existing.includes(base)) return base;
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const ext = dot > 0 ? base.slice(dot) : '';
  for (let i = 2; ; i++) {
    const candidate = `${stem}-${String(i)}${ext}`;
    if (!existing.includes(candidate)) return candidate;
  }
}

/** `kubectl apply -f <name>` in the browser reads the editor's files (a flat folder). */
export function editorWorkspace(files: () => readonly EditorFile[]): Workspace {
  const normalize = (path: string): string => path.replace(/^\.\//, '');
  return {
    readFile(path) {
      return files().find((f) => f.name === normalize(path))?.text;
    },
    listFolder(path) {
      const folder = normalize(path).replace(/\/$/, '');
      return folder === '.' || folder === '' ? files().map((f) => f.name) : undefined;
    },
  };
}
