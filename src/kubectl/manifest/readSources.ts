/** Reads what `-f` names: files, folders (their .yaml/.yml/.json files) or `-` for standard input. */
import { KubectlError, type CommandContext } from '../command.ts';
import { parseManifests, type ManifestDocument } from './parseManifests.ts';

export interface SourceDocument extends ManifestDocument {
  /** The file name as kubectl prints it in errors. */
  readonly source: string;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/;

export function readSources(
  ctx: CommandContext,
  paths: readonly string[],
  recursive = false,
): SourceDocument[] {
  if (paths.length === 0) throw new KubectlError('must specify one of -f and -k');
  const files: { source: string; text: string }[] = [];
  const addFolder = (folder: string, entries: string[]): void => {
    for (const entry of entries.sort()) {
      const path = `${folder.replace(/\/$/, '')}/${entry}`;
      const nested = ctx.workspace.listFolder?.(path);
      if (nested) {
        if (recursive) addFolder(path, nested);
        continue;
      }
      if (!MANIFEST_FILE.test(entry)) continue;
      const text = ctx.workspace.readFile(path);
      if (text !== undefined) files.push({ source: path, text });
    }
  };
  for (const path of paths) {
    if (path === '-') {
      files.push({ source: 'STDIN', text: ctx.stdin ?? '' });
      continue;
    }
    if (/^https?:\/\//.test(path)) {
      throw new KubectlError(
        `Kubeplay runs offline and cannot download "${path}": paste the manifest into the editor and apply it from there`,
      );
    }
    const folder = ctx.workspace.listFolder?.(path);
    if (folder) {
      addFolder(path, folder);
      continue;
    }
    const text = ctx.workspace.readFile(path);
    if (text === undefined) throw new KubectlError(`the path "${path}" does not exist`);
    files.push({ source: path, text });
  }
  return files.flatMap(({ source, text }) =>
    parseManifests(text, source).map((doc) => ({ ...doc, source })),
  );
}
