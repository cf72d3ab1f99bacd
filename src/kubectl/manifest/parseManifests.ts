/**
 * YAML or JSON manifests to objects. Kubernetes reads YAML as YAML 1.1 (go-yaml v2 through
 * sigs.k8s.io/yaml): `yes`/`no`/`on`/`off` are booleans, so we parse with js-yaml's 1.1 schema.
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
      `error parsing ${source}: error converting YAML to JSON: yaml: line ${String(line)}, column ${String(column)}: ${reason}`,
    );
  }
}

export function parseManifests(text: string, source: string): ManifestDocument[] {
  const docs: ManifestDocument[] = [];
  try {
    loadAll(text, { schema: YAML11_SCHEMA, filename: source }).forEach((value, i) => {
      if (value !== null && value !== undefined) docs.push({ index: i + 1, value });
    });
  } catch (error) {
    if (error instanceof YAMLException) {
      const mark = (error as unknown as { mark?: { line: number; column: number } }).mark;
      throw new ManifestSyntaxError(
        source,
        (mark?.line ?? 0) + 1,
        (mark?.column ?? 0) + 1,
        (error as unknown as { reason?: string }).reason ?? error.message,
      );
    }
    throw error;
  }
  return docs;
}
