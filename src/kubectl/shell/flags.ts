/**
 * Flag parsing with kubectl's (cobra/pflag) rules and messages: `--name value`, `--name=value`,
 * `-n value`, `-nvalue`, `-owide`, boolean flags, `--` ending flags.
 */
/** `strings` is pflag's StringSlice (split on commas); `array` is StringArray (kept whole). */
export type FlagType = 'bool' | 'string' | 'int' | 'strings' | 'array';

export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  readonly type: FlagType;
  readonly defaultValue?: string | boolean | number;
}

export type FlagValues = Map<string, string | boolean | number | string[]>;

export class FlagError extends Error {}

export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: FlagValues;
  /** Words after `--` (exec's command). */
  readonly afterDash: string[];
  /** True when `--` was present. */
  readonly hasDash: boolean;
}

export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'v', short: 'v', type: 'int' },
  { name: 'request-timeout', type: 'string' },
];

export function parseArgs(args: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const all = [...specs, ...GLOBAL_FLAGS];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short ?? '', s]));
  const flags: FlagValues = new Map();
  const positional: string[] = [];
  const set = (spec: FlagSpec, raw: string | boolean): void => {
    if (spec.type === 'bool') {
      if (typeof raw === 'boolean') flags.set(spec.name, raw);
      else if (raw === 'true' || raw === 'false') flags.set(spec.name, raw === 'true');
      else
        throw new FlagError(
          `invalid argument "${raw}" for "--${spec.name}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`,
        );
    } else if (spec.type === 'int') {
      const n = Number(raw);
      if (!Number.isInteger(n))
        throw new FlagError(
          `invalid argument "${String(raw)}" for "${spec.short ? `-${spec.short}, ` : ''}--${spec.name}" flag: strconv.ParseInt: parsing "${String(raw)}": invalid syntax`,
        );
      flags.set(spec.name, n);
    } else if (spec.type === 'strings' || spec.type === 'array') {
      const prev = flags.get(spec.name);
      const list = Array.isArray(prev) ? prev : [];
      const text = String(raw);
      flags.set(spec.name, [...list, ...(spec.type === 'array' ? [text] : text.split(','))]);
    } else {
      flags.set(spec.name, String(raw));
    }
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      return { positional, flags, afterDash: args.slice(i + 1), hasDash: true };
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, arg.slice(eq + 1));
      else if (spec.type === 'bool') set(spec, true);
      else {
        if (i + 1 >= args.length) throw new FlagError(`flag needs an argument: --${name}`);
        set(spec, args[++i] ?? '');
      }
    } else if (arg.startsWith('-') && arg.length > 1) {
      const letter = arg[1] ?? '';
      const spec = byShort.get(letter);
      if (!spec) throw new FlagError(`unknown shorthand flag: '${letter}' in ${arg}`);
      const rest = arg.slice(2);
      if (spec.type === 'bool') {
        set(spec, rest.startsWith('=') ? rest.slice(1) : true);
        // Combined boolean shorthands such as -it.
        for (const extra of rest.startsWith('=') ? '' : rest) {
          const other = byShort.get(extra);
          if (!other) throw new FlagError(`unknown shorthand flag: '${extra}' in ${arg}`);
          set(other, true);
        }
      } else if (rest !== '') set(spec, rest.startsWith('=') ? rest.slice(1) : rest);
      else {
        if (i + 1 >= args.length)
          throw new FlagError(`flag needs an argument: '${letter}' in -${letter}`);
        set(spec, args[++i] ?? '');
      }
    } else positional.push(arg);
  }
  return { positional, flags, afterDash: [], hasDash: false };
}

export function flagString(flags: FlagValues, name: string): string | undefined {
  const v = flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function flagBool(flags: FlagValues, name: string): boolean {
  return flags.get(name) === true;
}

export function flagInt(flags: FlagValues, name: string): number | undefined {
  const v = flags.get(name);
  return typeof v === 'number' ? v : undefined;
}

export function flagStrings(flags: FlagValues, name: string): string[] {
  const v = flags.get(name);
  return Array.isArray(v) ? v : [];
}
