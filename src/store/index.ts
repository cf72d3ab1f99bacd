/** The store's public surface: what ui/, viz/, main.tsx and the test API import. */
export {
  createPlaygroundStore,
  SPEEDS,
  type ApplyResult,
  type CommandSource,
  type PlaygroundActions,
  type PlaygroundState,
  type PlaygroundStore,
  type PlaygroundStoreOptions,
  type Selection,
  type Speed,
  type TranscriptEntry,
} from './createPlaygroundStore.ts';
export { browserHost, createSimDriver, type DriverHost, type SimDriver } from './simDriver.ts';
export { PlaygroundProvider, useActions, usePlayground, usePlaygroundStore } from './hooks.ts';
export { loadJson, saveJson } from './persist.ts';
export {
  formatAge,
  formatClock,
  podView,
  selectEventRows,
  selectNodeViews,
  selectPodViews,
  statusTone,
  type EventRow,
  type NodeView,
  type PodView,
  type StatusTone,
} from './selectors.ts';
export { objectKey, type ClusterSnapshot, type TrackedResource } from './snapshot.ts';
export { TEMPLATES, freshFileName, type EditorFile, type Template } from './workspace.ts';
export { loadEditorSchema } from './editorSchema.ts';
