import { describe, expect, it } from 'vitest';
import { splitSegments } from './segments.ts';

describe('splitSegments', () => {
  it('separates prose from file snippets and keeps other code blocks in the prose', () => {
    const text = [
      'Apply this:',
      '',
      '```yaml file=pod.yaml',
      'kind: Pod',
      '```',
      '',
      'Then run:',
      '',
      '```',
      'kubectl get pods',
      '```',
    ].join('\n');
    expect(splitSegments(text)).toEqual([
      { kind: 'markdown', text: 'Apply this:' },
      { kind: 'snippet', file: 'pod.yaml', language: 'yaml', text: 'kind: Pod\n' },
      { kind: 'markdown', text: 'Then run:\n\n```\nkubectl get pods\n```' },
    ]);
  });

  it('leaves an unclosed fence as prose', () => {
    expect(splitSegments('```yaml file=a.yaml\nkind: Pod')).toEqual([
      { kind: 'markdown', text: '```yaml file=a.yaml\nkind: Pod' },
    ]);
  });
});
