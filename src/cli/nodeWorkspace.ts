/** A Workspace over the real file system, relative to a base folder (the script's). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Workspace } from '../kubectl/index.ts';

export function nodeWorkspace(baseDir: string): Workspace {
  const resolve = (path: string): string => (isAbsolute(path) ? path : join(baseDir, path));
  return {
    readFile(path) {
      try {
        return readFileSync(resolve(path), 'utf8');
      } catch {
        return undefined;
      }
    },
    listFolder(path) {
      try {
        return statSync(resolve(path)).isDirectory() ? readdirSync(resolve(path)) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
