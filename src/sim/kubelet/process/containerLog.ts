/** A container's log as the runtime keeps it: lines with the virtual time they were written. */
export interface LogLine {
  readonly timeMs: number;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

/** Lines kept per container instance; older ones rotate away as the kubelet's log rotation does. */
const MAX_LINES = 5_000;

export class ContainerLog {
  readonly lines: LogLine[] = [];
  private partial: { stdout: string; stderr: string } = { stdout: '', stderr: '' };

  write(timeMs: number, stream: 'stdout' | 'stderr', text: string): void {
    const pending = this.partial[stream] + text;
    const parts = pending.split('\n');
    this.partial[stream] = parts.pop() ?? '';
    for (const part of parts) this.lines.push({ timeMs, stream, text: part });
    // Trimmed in batches so a chatty process costs amortized O(1) per line.
    if (this.lines.length > MAX_LINES * 2) this.lines.splice(0, this.lines.length - MAX_LINES);
  }

  /** Everything kept (the last MAX_LINES lines), with a trailing partial line as its own line. */
  snapshot(): LogLine[] {
    const out = this.lines.slice(-MAX_LINES);
    for (const stream of ['stdout', 'stderr'] as const) {
      const text = this.partial[stream];
      if (text !== '') out.push({ timeMs: out[out.length - 1]?.timeMs ?? 0, stream, text });
    }
    return out;
  }
}
