/**
 * conformance/fixtures/fixtures.yaml as typed values: the compiled fixtures (sources, flags,
 * DT_NEEDED links) and the generated ones (containers and malformed images), each with the facts
 * the model needs. Loading validates the file and returns problems as values.
 *
 * @module
 */
import { parse } from 'yaml';

/** What the model knows of a fixture without reading it. */
export interface FixtureFacts {
  /** Function symbols and what calling each returns. */
  readonly functions: Readonly<Record<string, number>>;
  /** Int data symbols and their initial values. */
  readonly data: Readonly<Record<string, number>>;
  /** Whether its constructor reports a `ctor` event. */
  readonly reportsCtor: boolean;
  /** Whether its destructor reports a `dtor` event. */
  readonly reportsDtor: boolean;
  /**
   * The clauses a function's result shows to hold when its object was loaded by dlmem (bigbss_zero
   * returns 1 only when its .bss reads as zero: dlmem.place.bss-zero).
   */
  readonly shows?: Readonly<Record<string, readonly string[]>>;
}

/** A fixture compiled from C. */
export interface CompiledFixture {
  /** Discriminant. */
  readonly kind: 'compiled';
  /** The fixture's name. */
  readonly name: string;
  /** Its file name, `libdlspec-<name>.so` (also its DT_SONAME). */
  readonly file: string;
  /** C sources in conformance/fixtures/. */
  readonly sources: readonly string[];
  /** Extra compiler flags. */
  readonly cflags: readonly string[];
  /** Fixtures it links against (its DT_NEEDED entries, in order). */
  readonly links: readonly string[];
  /** Facts for the model. */
  readonly facts: FixtureFacts;
}

/** How a generated fixture is made. */
export type GeneratedKind =
  | 'container' | 'truncated-header' | 'truncated-phdrs' | 'truncated-load'
  | 'bad-magic' | 'wrong-class' | 'wrong-machine' | 'no-load' | 'junk'
  | 'not-dyn' | 'no-dynamic' | 'exec-stack' | 'load-misaligned' | 'absurd-size' | 'missing-dep';

/** Every generated kind. */
export const GENERATED_KINDS: readonly GeneratedKind[] = [
  'container', 'truncated-header', 'truncated-phdrs', 'truncated-load',
  'bad-magic', 'wrong-class', 'wrong-machine', 'no-load', 'junk',
  'not-dyn', 'no-dynamic', 'exec-stack', 'load-misaligned', 'absurd-size', 'missing-dep',
];

/** A fixture written by TypeScript from a compiled one (or from nothing, for junk). */
export interface GeneratedFixture {
  /** Discriminant. */
  readonly kind: 'generated';
  /** The fixture's name. */
  readonly name: string;
  /** Its file name. */
  readonly file: string;
  /** How it is made. */
  readonly generator: GeneratedKind;
  /** The compiled fixture it is derived from (all kinds but junk). */
  readonly from?: string;
  /** Where the image starts (containers). */
  readonly offset?: number;
  /** Its length (junk). */
  readonly length?: number;
  /** The DT_NEEDED name that replaces its source's first fixture dependency, as long as it (missing-dep). */
  readonly needed?: string;
  /** Facts for the model (a container's are its image's). */
  readonly facts: FixtureFacts;
}

/** One fixture of either kind. */
export type FixtureEntry = CompiledFixture | GeneratedFixture;

/** The loaded manifest, or what is wrong with it. */
export type ManifestResult =
  | {
      /** Discriminant. */
      readonly ok: true;
      /** Every fixture: compiled ones first, in manifest order. */
      readonly fixtures: readonly FixtureEntry[];
    }
  | {
      /** Discriminant. */
      readonly ok: false;
      /** Every problem found. */
      readonly problems: readonly string[];
    };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const intMap = (v: unknown): v is Record<string, number> => isObj(v) && Object.values(v).every(Number.isInteger);

function facts(raw: unknown, where: string, problems: string[]): FixtureFacts {
  const f = isObj(raw) ? raw : {};
  if (raw !== undefined && !isObj(raw)) problems.push(`${where}: facts must be a map`);
  for (const key of ['functions', 'data'] as const)
    if (f[key] !== undefined && !intMap(f[key])) problems.push(`${where}: facts.${key} must map names to integers`);
  return {
    functions: intMap(f['functions']) ? f['functions'] : {},
    data: intMap(f['data']) ? f['data'] : {},
    reportsCtor: f['reportsCtor'] === true,
    reportsDtor: f['reportsDtor'] === true,
    shows: showsMap(f['shows'], where, problems),
  };
}

function showsMap(raw: unknown, where: string, problems: string[]): Readonly<Record<string, readonly string[]>> {
  if (raw === undefined) return {};
  if (isObj(raw) && Object.values(raw).every(strings)) return raw as Record<string, string[]>;
  problems.push(`${where}: facts.shows must map function names to lists of clause IDs`);
  return {};
}

function common(raw: unknown, where: string, problems: string[]): { name: string; file: string; raw: Obj } | undefined {
  if (!isObj(raw) || typeof raw['name'] !== 'string') {
    problems.push(`${where}: needs a name`);
    return undefined;
  }
  const name = raw['name'];
  if (raw['file'] !== `libdlspec-${name}.so`) problems.push(`${name}: file must be libdlspec-${name}.so`);
  return { name, file: `libdlspec-${name}.so`, raw };
}

function compiled(raw: unknown, i: number, problems: string[]): CompiledFixture | undefined {
  const c = common(raw, `compiled[${i}]`, problems);
  if (!c) return undefined;
  const { sources, cflags = [], links = [] } = c.raw;
  if (!strings(sources) || sources.length === 0) problems.push(`${c.name}: sources must be a non-empty list`);
  if (!strings(cflags)) problems.push(`${c.name}: cflags must be a list of strings`);
  if (!strings(links)) problems.push(`${c.name}: links must be a list of fixture names`);
  const f = facts(c.raw['facts'], c.name, problems);
  if (!strings(sources) || !strings(cflags) || !strings(links)) return undefined;
  return { kind: 'compiled', name: c.name, file: c.file, sources, cflags, links, facts: f };
}

function generated(raw: unknown, i: number, problems: string[]): GeneratedFixture | undefined {
  const c = common(raw, `generated[${i}]`, problems);
  if (!c) return undefined;
  const { kind, from, offset, length, needed } = c.raw;
  if (!GENERATED_KINDS.includes(kind as GeneratedKind)) return void problems.push(`${c.name}: unknown kind ${String(kind)}`);
  if (kind !== 'junk' && typeof from !== 'string') problems.push(`${c.name}: needs from`);
  if (kind === 'container' && !(Number.isInteger(offset) && (offset as number) >= 64)) problems.push(`${c.name}: needs an offset of at least 64`);
  if (kind === 'junk' && !(Number.isInteger(length) && (length as number) > 0)) problems.push(`${c.name}: needs a positive length`);
  if (kind === 'missing-dep' && !(typeof needed === 'string' && needed !== '')) problems.push(`${c.name}: needs a needed name`);
  return {
    kind: 'generated', name: c.name, file: c.file, generator: kind as GeneratedKind,
    ...(typeof from === 'string' ? { from } : {}),
    ...(typeof offset === 'number' ? { offset } : {}),
    ...(typeof length === 'number' ? { length } : {}),
    ...(typeof needed === 'string' ? { needed } : {}),
    facts: facts(c.raw['facts'], c.name, problems),
  };
}

/**
 * Checks names are unique, every `links`/`from` names a compiled fixture defined before it, and no
 * fixture has the file a missing-dep's `needed` names.
 */
function crossCheck(entries: readonly FixtureEntry[], problems: string[]): void {
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.name)) problems.push(`${e.name}: defined twice`);
    if (e.kind === 'generated' && e.needed !== undefined && entries.some((x) => x.file === e.needed)) {
      problems.push(`${e.name}: a fixture has the file ${e.needed}, so it is not missing`);
    }
    const refs = e.kind === 'compiled' ? e.links : e.from === undefined ? [] : [e.from];
    for (const ref of refs) {
      const target = entries.find((x) => x.name === ref);
      if (!target || target.kind !== 'compiled' || !seen.has(ref)) problems.push(`${e.name}: ${ref} is not a compiled fixture listed before it`);
    }
    seen.add(e.name);
  }
}

/** Parses and validates the manifest's text. */
export function parseManifest(text: string): ManifestResult {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    return { ok: false, problems: [`not YAML: ${error instanceof Error ? error.message : String(error)}`] };
  }
  if (!isObj(doc) || doc['version'] !== 1) return { ok: false, problems: ['needs version: 1'] };
  const problems: string[] = [];
  const list = (key: string): unknown[] => (Array.isArray(doc[key]) ? doc[key] : (problems.push(`${key} must be a list`), []));
  const entries: FixtureEntry[] = [
    ...list('compiled').map((raw, i) => compiled(raw, i, problems)),
    ...list('generated').map((raw, i) => generated(raw, i, problems)),
  ].filter((e): e is FixtureEntry => e !== undefined);
  crossCheck(entries, problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, fixtures: entries };
}
