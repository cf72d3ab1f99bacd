/**
 * Tab completion for the terminal: the kubectl engine's `complete()` (commands, flags, resource
 * types, names, namespaces), plus the terminal's own built-ins (`clear`, `help`) as first words.
 * Returns candidates as replacements for the whole whitespace-delimited word before the cursor
 * (the engine may complete part of one, such as the value in `-o=ya`).
 */
import { complete } from '../kubectl/index.ts';
import type { Cluster } from '../sim/index.ts';

const BUILTINS = ['clear', 'help'];

export function completeLine(
  textBeforeCursor: string,
  cluster: Cluster,
  namespace: string,
): string[] {
  const result = complete(textBeforeCursor, textBeforeCursor.length, cluster, { namespace });
  const wordStart = textBeforeCursor.length - (/(\S*)$/.exec(textBeforeCursor)?.[1]?.length ?? 0);
  const from = Math.max(wordStart, Math.min(result.replaceFrom, textBeforeCursor.length));
  const prefix = textBeforeCursor.slice(wordStart, from);
  const word = textBeforeCursor.slice(wordStart);
  const firstWord = textBeforeCursor.trimStart() === word;
  const builtins = firstWord ? BUILTINS.filter((b) => b.startsWith(word)) : [];
  return [...new Set([...result.candidates.map((c) => prefix + c), ...builtins])].sort();
}
