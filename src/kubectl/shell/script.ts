/**
 * A kubeplay script: one command a line, blank lines and `#` comments ignored, heredocs
 * (`<<EOF … EOF`) supplying standard input, and `\` continuing a line.
 */
export interface ScriptCommand {
  /** The command as written (without the heredoc body). */
  readonly line: string;
  /** 1-based line number in the script. */
  readonly lineNumber: number;
  readonly stdin?: string;
}

const HEREDOC = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1\s*$/;

export function parseScript(text: string): ScriptCommand[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const commands: ScriptCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    const lineNumber = i + 1;
    while (line.endsWith('\\') && i + 1 < lines.length) {
      line = `${line.slice(0, -1)} ${(lines[++i] ?? '').trim()}`;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const heredoc = HEREDOC.exec(trimmed);
    if (heredoc) {
      const terminator = heredoc[2] ?? 'EOF';
      const body: string[] = [];
      i++;
      while (i < lines.length && (lines[i] ?? '').trim() !== terminator)
        body.push(lines[i++] ?? '');
      commands.push({
        line: trimmed.slice(0, heredoc.index).trim(),
        lineNumber,
        stdin: `${body.join('\n')}\n`,
      });
      continue;
    }
    commands.push({ line: trimmed, lineNumber });
  }
  return commands;
}
