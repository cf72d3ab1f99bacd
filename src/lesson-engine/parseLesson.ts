/**
 * A lesson file to a Lesson: YAML front matter (parsed with js-yaml), an introduction, one `## `
 * section per step (each with a ```yaml step block), and an optional closing section. Anything
 * malformed is a LessonError naming the file and the place.
 */
import { load, YAMLException } from 'js-yaml';
import { Fields, LessonError } from './lessonError.ts';
import { parseCheck } from './parseChecks.ts';
import type {
  EditorFile,
  Lesson,
  LessonCluster,
  NodeSpec,
  Snippet,
  Step,
  WrongAnswer,
} from './types.ts';

type Fail = (reason: string) => never;

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const FENCE = /^(`{3,}|~{3,})\s*(.*)$/;

interface Section {
  readonly title: string;
  readonly lines: readonly string[];
  readonly line: number;
}

/** Splits `---` front matter from the body. */
export function splitFrontMatter(
  text: string,
  fail: Fail,
): { frontMatter: unknown; body: string; bodyLine: number } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[0]?.trim() !== '---') fail('the file must start with "---" and YAML front matter');
  // Only an unindented `---` closes it: manifests inside (block scalars) have their own `---`.
  const end = lines.findIndex((l, i) => i > 0 && l.trimEnd() === '---');
  if (end < 0) fail('the front matter has no closing "---" line');
  let frontMatter: unknown;
  try {
    frontMatter = load(lines.slice(1, end).join('\n'));
  } catch (error) {
    const reason = error instanceof YAMLException ? error.message : String(error);
    fail(`the front matter is not valid YAML: ${reason}`);
  }
  return { frontMatter, body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 };
}

/** `## ` headings outside code fences start sections; text before the first is the intro. */
function sections(body: string, firstLine: number): { intro: string; sections: Section[] } {
  const lines = body.split('\n');
  const out: { title: string; lines: string[]; line: number }[] = [];
  const intro: string[] = [];
  let fence: string | undefined;
  lines.forEach((line, i) => {
    const f = FENCE.exec(line.trim());
    if (f) {
      const marker = f[1] ?? '';
      if (fence === undefined) fence = marker;
      else if (marker.startsWith(fence) && (f[2] ?? '') === '') fence = undefined;
    }
    if (fence === undefined && line.startsWith('## ')) {
      out.push({ title: line.slice(3).trim(), lines: [], line: firstLine + i });
      return;
    }
    (out.at(-1)?.lines ?? intro).push(line);
  });
  return { intro: intro.join('\n').trim(), sections: out };
}

/** Pulls the ```yaml step block out of a section; collects ```lang file=name snippets. */
function stepParts(section: Section): {
  body: string;
  block: string | undefined;
  snippets: Snippet[];
} {
  const body: string[] = [];
  const snippets: Snippet[] = [];
  let block: string | undefined;
  let open: { marker: string; info: string; lines: string[] } | undefined;
  for (const line of section.lines) {
    const f = FENCE.exec(line.trim());
    if (open === undefined && f) {
      open = { marker: f[1] ?? '', info: (f[2] ?? '').trim(), lines: [] };
      if (open.info !== 'yaml step') body.push(line);
      continue;
    }
    if (open !== undefined && f && (f[1] ?? '').startsWith(open.marker) && (f[2] ?? '') === '') {
      const text = `${open.lines.join('\n')}\n`;
      if (open.info === 'yaml step') block = block === undefined ? text : `${block}\u0000`;
      else {
        body.push(line);
        const file = /(?:^|\s)file=(\S+)/.exec(open.info)?.[1];
        if (file) snippets.push({ file, language: open.info.split(/\s/)[0] ?? '', text });
      }
      open = undefined;
      continue;
    }
    if (open !== undefined) open.lines.push(line);
    if (open?.info !== 'yaml step') body.push(line);
  }
  return { body: body.join('\n').trim(), block, snippets };
}

function parseStep(
  section: Section,
  number: number,
  block: string,
  rest: ReturnType<typeof stepParts>,
  fail: Fail,
): Step {
  if (block.includes('\u0000')) fail('has more than one ```yaml step block');
  let value: unknown;
  try {
    value = load(block);
  } catch (error) {
    fail(
      `its yaml step block is not valid YAML: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const f = Fields.of(value, 'the yaml step block', fail);
  const hints = f.strings('hints');
  const solution = f.requiredString('solution');
  const wrongAnswers: WrongAnswer[] = f.list('wrongAnswers').map((item, i) => {
    const failHere: Fail = (reason) => fail(`wrongAnswers[${String(i + 1)}]: ${reason}`);
    const w = Fields.of(item, 'a wrong answer', failHere);
    const answer = { title: w.requiredString('title'), script: w.requiredString('script') };
    w.done();
    return answer;
  });
  const checkList = f.list('checks');
  if (checkList.length === 0) fail('needs at least one check (under "checks:")');
  const checks = checkList.map((item, i) =>
    parseCheck(item, (reason) => fail(`checks[${String(i + 1)}]: ${reason}`)),
  );
  f.done(['hints', 'solution', 'wrongAnswers', 'checks']);
  return {
    number,
    title: section.title,
    body: rest.body,
    snippets: rest.snippets,
    hints,
    solution,
    wrongAnswers,
    checks,
  };
}

function parseCluster(value: unknown, fail: Fail): LessonCluster {
  if (value === undefined) return { seed: 1, workers: 3, nodes: [], manifests: [], setup: '' };
  const c = Fields.of(value, '"cluster"', fail);
  const seed = c.number('seed') ?? 1;
  const workers = c.number('workers') ?? 3;
  if (!Number.isInteger(seed) || seed < 0) fail('cluster.seed must be a whole number');
  if (!Number.isInteger(workers) || workers < 0 || workers > 20)
    fail('cluster.workers must be a whole number from 0 to 20');
  const nodes: NodeSpec[] = c.list('nodes').map((item, i) => {
    const failHere: Fail = (reason) => fail(`cluster.nodes[${String(i + 1)}]: ${reason}`);
    const n = Fields.of(item, 'a node', failHere);
    const labelsValue = n.raw('labels') ?? {};
    const labels = Fields.of(labelsValue, '"labels"', failHere);
    const node: NodeSpec = {
      name: n.requiredString('name'),
      cpu: n.string('cpu'),
      memory: n.string('memory'),
      labels: Object.fromEntries(labels.keys().map((k) => [k, labels.string(k) ?? ''])),
      taints: n.strings('taints'),
    };
    n.done();
    return node;
  });
  const cluster = {
    seed,
    workers,
    nodes,
    manifests: c.strings('manifests'),
    setup: c.string('setup') ?? '',
  };
  c.done();
  return cluster;
}

function parseFiles(list: readonly unknown[], fail: Fail): EditorFile[] {
  return list.map((item, i) => {
    const failHere: Fail = (reason) => fail(`files[${String(i + 1)}]: ${reason}`);
    const f = Fields.of(item, 'a file', failHere);
    const file = { name: f.requiredString('name'), text: f.string('text') ?? '' };
    f.done();
    return file;
  });
}

export function parseLesson(text: string, source: string): Lesson {
  const failAt =
    (where: string): Fail =>
    (reason) => {
      throw new LessonError(source, where, reason);
    };
  const fm: Fail = failAt('front matter');
  const { frontMatter, body, bodyLine } = splitFrontMatter(text, failAt('file'));
  const f = Fields.of(frontMatter, 'the front matter', fm);
  const id = f.requiredString('id');
  if (!SLUG.test(id)) fm(`id "${id}" must be lowercase words joined by dashes (e.g. self-healing)`);
  const track = f.requiredString('track');
  if (!SLUG.test(track)) fm(`track "${track}" must be lowercase words joined by dashes`);
  const order = f.number('order');
  if (order === undefined) fm('"order" is required (the lesson\'s place in its track)');
  const estimatedMinutes = f.number('estimatedMinutes');
  if (estimatedMinutes === undefined || estimatedMinutes <= 0)
    fm('"estimatedMinutes" is required (a positive number)');
  const lesson = {
    source,
    id,
    title: f.requiredString('title'),
    track,
    order,
    objectives: f.strings('objectives'),
    estimatedMinutes,
    cluster: parseCluster(f.raw('cluster'), (r) => fm(`cluster: ${r}`)),
    files: parseFiles(f.list('files'), fm),
  };
  if (lesson.objectives.length === 0) fm('"objectives" needs at least one line');
  f.done(['id', 'title', 'track', 'order', 'objectives', 'estimatedMinutes', 'cluster', 'files']);

  const parsed = sections(body, bodyLine);
  const steps: Step[] = [];
  let finish = '';
  parsed.sections.forEach((section, i) => {
    const where = `step ${String(steps.length + 1)} "${section.title}" (line ${String(section.line)})`;
    const parts = stepParts(section);
    if (parts.block !== undefined) {
      steps.push(parseStep(section, steps.length + 1, parts.block, parts, failAt(where)));
    } else if (i === parsed.sections.length - 1) {
      finish = `## ${section.title}\n\n${parts.body}`.trim();
    } else {
      throw new LessonError(
        source,
        `section "${section.title}" (line ${String(section.line)})`,
        'has no ```yaml step block; only the last section may be a closing section without one (use ### for sub-headings)',
      );
    }
  });
  if (steps.length === 0)
    throw new LessonError(source, 'body', 'has no steps (## sections with a ```yaml step block)');
  return { ...lesson, intro: parsed.intro, steps, finish };
}
