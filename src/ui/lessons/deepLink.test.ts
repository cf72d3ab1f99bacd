import { describe, expect, it } from 'vitest';
import { formatLessonHash, parseLessonHash } from './deepLink.ts';

describe('lesson deep links', () => {
  const cases: { name: string; hash: string; want: ReturnType<typeof parseLessonHash> }[] = [
    { name: 'the track list', hash: '#/lessons', want: {} },
    { name: 'a trailing slash', hash: '#/lessons/', want: {} },
    { name: 'a track', hash: '#/lessons/scheduling', want: { track: 'scheduling' } },
    {
      name: 'a lesson',
      hash: '#/lessons/foundations/why-orchestration',
      want: { track: 'foundations', lesson: 'why-orchestration' },
    },
    {
      name: 'a step',
      hash: '#/lessons/foundations/why-orchestration/2',
      want: { track: 'foundations', lesson: 'why-orchestration', step: 2 },
    },
    {
      name: 'the introduction (step 0)',
      hash: '#/lessons/a/b/0',
      want: { track: 'a', lesson: 'b', step: 0 },
    },
    { name: 'another page', hash: '#/playground', want: undefined },
    { name: 'no hash', hash: '', want: undefined },
    { name: 'a step that is not a number', hash: '#/lessons/a/b/two', want: undefined },
    { name: 'too many parts', hash: '#/lessons/a/b/1/extra', want: undefined },
    { name: 'upper case', hash: '#/lessons/Scheduling', want: undefined },
    { name: 'markup in a part', hash: '#/lessons/%3Cscript%3E', want: undefined },
    { name: 'a broken escape', hash: '#/lessons/%E0%A4%A', want: undefined },
  ];
  for (const c of cases)
    it(`parses ${c.name}`, () => {
      expect(parseLessonHash(c.hash)).toEqual(c.want);
    });

  it('formats what it parses', () => {
    for (const hash of ['#/lessons', '#/lessons/t', '#/lessons/t/l', '#/lessons/t/l/3']) {
      const link = parseLessonHash(hash);
      expect(link && formatLessonHash(link)).toBe(hash);
    }
  });
});
