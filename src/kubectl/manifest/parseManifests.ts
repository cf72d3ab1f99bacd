/**
 * YAML or JSON manifests to objects. Kubernetes reads YAML as YAML 1.1 (go-yaml v2 through
 * sigs.k8s.io/yaml): `yes`/`no`/`on`/`off` are booleans, so we parse with js-yaml's 1.1 schema.
 * Where js-yaml is stricter than go-yaml, we follow go-yaml: a repeated key keeps the last value
 * (yaml.Unmarshal, not UnmarshalStrict), and the indentation of lines inside a flow collection
 * (`command: [` … `]`) does not matter.
 * TODO(#6): two YAML 1.1 differences remain: js-yaml reads `1:30` as the base-60 integer 90 and
 * `1e3` as a string, where go-yaml v2 reads the string "1:30" and the float 1000.
 */
import { loadAll, YAML11_SCHEMA, YAMLException } from 'js-yaml';

export interface ManifestDocument {
  /** 1-based index of the document in its file. */
  readonly index: number;
  readonly value: unknown;
}

export class ManifestSyntaxError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(
      `error parsing ${source}: error converting YAML to JSON: yaml: line ${String(line)}: ${reason}`,
    );
  }
}

/**
 * go-yaml's words (libyaml's scanner and parser problems) for js-yaml's reasons. go-yaml reports a
 * line and the problem only, as `yaml: line 7: mapping values are not allowed in this context`.
 */
const GO_YAML_PROBLEMS: readonly [RegExp, string][] = [
  [/^bad indentation of a mapping entry/, 'mapping values are not allowed in this context'],
  [/^bad indentation of a sequence entry/, 'did not find expected key'],
  [/^end of the stream or a document separator is expected/, 'did not find expected key'],
  [/^unknown escape sequence/, 'found unknown escape character'],
  [/tab characters? must not be used/i, 'found character that cannot start any token'],
  [/^missed comma between flow collection entries/, "did not find expected ',' or ']'"],
  [/^unexpected end of the stream within a flow collection/, "did not find expected ',' or ']'"],
  [
    /^unexpected end of the stream within a (double|single) quoted scalar/,
    'found unexpected end of stream',
  ],
  [/^incomplete explicit mapping pair/, 'mapping values are not allowed in this context'],
];

function goYamlProblem(reason: string): string {
  for (const [pattern, problem] of GO_YAML_PROBLEMS) if (pattern.test(reason)) return problem;
  return reason;
}

interface YamlMark {
  readonly line: number;
  readonly column: number;
}

function markOf(error: YAMLException): YamlMark {
  const mark = (error as unknown as { mark?: YamlMark }).mark;
  return { line: mark?.line ?? 0, column: mark?.column ?? 0 };
}

/**
 * Re-indents a line inside a flow collection that js-yaml finds under-indented, to the previous
 * line's indentation. Inside `[…]` and `{…}` indentation carries no meaning, so this changes nothing
 * for go-yaml, which accepts such lines.
 */
function reindentFlowLine(text: string, line: number): string | undefined {
  const lines = text.split('\n');
  const current = lines[line];
  let previous = line - 1;
  while (previous >= 0 && (lines[previous] ?? '').trim() === '') previous--;
  if (current === undefined || previous < 0) return undefined;
  const indent = (s: string): number => s.length - s.trimStart().length;
  const wanted = indent(lines[previous] ?? '') + 1;
  if (indent(current) >= wanted) return undefined;
  lines[line] = ' '.repeat(wanted - indent(current)) + current;
  return lines.join('\n');
}

export function parseManifests(text: string, source: string): ManifestDocument[] {
  let input = text;
  for (let attempt = 0; ; attempt++) {
    try {
      const docs: ManifestDocument[] = [];
      loadAll(input, { schema: YAML11_SCHEMA, filename: source, json: true }).forEach(
        (value, i) => {
          if (value !== null && value !== undefined) docs.push({ index: i + 1, value });
        },
      );
      return docs;
    } catch (error) {
      if (!(error instanceof YAMLException)) throw error;
      const mark = markOf(error);
      const reason = (error as unknown as { reason?: string }).reason ?? error.message;
      if (reason === 'deficient indentation' && attempt < 100) {
        const fixed = reindentFlowLine(input, mark.line);
        if (fixed !== undefined) {
          input = fixed;
          continue;
        }
      }
      throw new ManifestSyntaxError(source, mark.line + 1, mark.column + 1, goYamlProblem(reason));
    }
  }
}
