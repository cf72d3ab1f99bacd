/**
 * Splits a step's Markdown into prose and insertable snippets (fenced blocks whose info string
 * names a file: ```yaml file=pod.yaml), so the panel can put an "Insert into editor" button on
 * each snippet. Pure; unit-tested.
 */
export type Segment =
  | { readonly kind: 'markdown'; readonly text: string }
  | {
      readonly kind: 'snippet';
      readonly file: string;
      readonly language: string;
      readonly text: string;
    };

const FENCE = /^(`{3,}|~{3,})\s*(.*)$/;

export function splitSegments(markdown: string): Segment[] {
  const segments: Segment[] = [];
  let prose: string[] = [];
  let open: { marker: string; info: string; lines: string[]; raw: string[] } | undefined;
  const flush = (): void => {
    const text = prose.join('\n').trim();
    if (text !== '') segments.push({ kind: 'markdown', text });
    prose = [];
  };
  for (const line of markdown.split('\n')) {
    const fence = FENCE.exec(line.trim());
    if (!open) {
      if (fence)
        open = { marker: fence[1] ?? '', info: (fence[2] ?? '').trim(), lines: [], raw: [line] };
      else prose.push(line);
      continue;
    }
    open.raw.push(line);
    if (fence && (fence[1] ?? '').startsWith(open.marker) && (fence[2] ?? '') === '') {
      const file = /(?:^|\s)file=(\S+)/.exec(open.info)?.[1];
      if (file) {
        flush();
        segments.push({
          kind: 'snippet',
          file,
          language: open.info.split(/\s/)[0] ?? '',
          text: `${open.lines.join('\n')}\n`,
        });
      } else prose.push(...open.raw);
      open = undefined;
      continue;
    }
    open.lines.push(line);
  }
  if (open) prose.push(...open.raw);
  flush();
  return segments;
}
