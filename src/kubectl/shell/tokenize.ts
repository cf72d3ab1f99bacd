/**
 * Splits a command line into words the way a POSIX shell does for the cases learners type:
 * whitespace, '…' and "…" quoting, backslash escapes, and `#` comments.
 */
export class TokenizeError extends Error {}

export function tokenize(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i] ?? '';
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new TokenizeError("unexpected EOF while looking for matching `''");
      current += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i++;
      for (;;) {
        if (i >= line.length)
          throw new TokenizeError('unexpected EOF while looking for matching `"\'');
        const c = line[i] ?? '';
        if (c === '"') break;
        if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1] ?? '')) {
          current += line[i + 1] ?? '';
          i += 2;
          continue;
        }
        current += c;
        i++;
      }
      inWord = true;
      i++;
    } else if (ch === '\\') {
      current += line[i + 1] ?? '';
      inWord = true;
      i += 2;
    } else if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      i++;
    } else if (ch === '#' && !inWord) {
      break;
    } else {
      current += ch;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(current);
  return words;
}
