// The YAML language worker (monaco-yaml's recipe for Vite: a local module imported with ?worker).
import 'monaco-yaml/yaml.worker.js';
