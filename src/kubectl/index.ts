/** The kubectl command engine's public surface. */
export { Shell } from './engine.ts';
export type { ShellOptions } from './engine.ts';
export { runScript, runLines } from './script.ts';
export type { TranscriptEntry, ScriptRun } from './script.ts';
export type { CommandResult, EditSession, Kubeconfig, WatchStream, Workspace } from './command.ts';
export { parseScript } from './shell/script.ts';
export { tokenize } from './shell/tokenize.ts';
export { applyObject } from './manifest/applyObject.ts';
export { parseManifests, ManifestSyntaxError } from './manifest/parseManifests.ts';
export { humanDuration } from './printers/humanDuration.ts';
export { podStatusReason, podReadyColumn, podRestartsColumn } from './printers/podColumns.ts';
export { complete } from './complete.ts';
export type { Completion } from './complete.ts';
