/** A problem in a lesson file, named by file and place so an author can fix it at once. */
export class LessonError extends Error {
  constructor(
    readonly source: string,
    /** `front matter`, `step 2 "Scale up"`, `step 2 "Scale up", checks[1]`. */
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${source}: ${where}: ${reason}`);
  }
}

/** Reads a YAML mapping strictly: unknown keys and wrong types are errors. */
export class Fields {
  private readonly used = new Set<string>();

  constructor(
    private readonly value: Readonly<Record<string, unknown>>,
    private readonly fail: (reason: string) => never,
  ) {}

  static of(value: unknown, what: string, fail: (reason: string) => never): Fields {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      fail(`${what} must be a mapping (key: value lines)`);
    return new Fields(value as Record<string, unknown>, fail);
  }

  keys(): string[] {
    return Object.keys(this.value);
  }

  has(key: string): boolean {
    return this.value[key] !== undefined;
  }

  raw(key: string): unknown {
    this.used.add(key);
    return this.value[key];
  }

  string(key: string): string | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (typeof v !== 'string') this.fail(`"${key}" must be text`);
    return v;
  }

  requiredString(key: string): string {
    const v = this.string(key);
    if (v === undefined || v.trim() === '') this.fail(`"${key}" is required`);
    return v;
  }

  number(key: string): number | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(`"${key}" must be a number`);
    return v;
  }

  boolean(key: string): boolean | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') this.fail(`"${key}" must be true or false`);
    return v;
  }

  list(key: string): readonly unknown[] {
    const v = this.raw(key);
    if (v === undefined) return [];
    if (!Array.isArray(v)) this.fail(`"${key}" must be a list (lines starting with "- ")`);
    return v as unknown[];
  }

  strings(key: string): string[] {
    return this.list(key).map((item, i) => {
      if (typeof item !== 'string')
        this.fail(`${key}[${String(i + 1)}] must be text (put text containing ": " in quotes)`);
      return item;
    });
  }

  /** Fails on keys nobody read: almost always a typo. `known` names keys worth suggesting. */
  done(known: readonly string[] = []): void {
    for (const key of Object.keys(this.value)) {
      if (this.used.has(key)) continue;
      const near = [...this.used, ...known].find((k) => similar(k, key));
      this.fail(`unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ''}`);
    }
  }
}

function similar(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x.startsWith(y) || y.startsWith(x) || (x.length > 3 && y.includes(x.slice(0, 4)));
}
