/**
 * Builds the fixture libraries listed in conformance/fixtures/fixtures.yaml with the driver's
 * compiler (a musl driver loads musl-built fixtures), writes the generated ones, and caches the
 * lot under one hash of the sources, the manifest, the flags, the generators and the compiler.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildHash, DEFAULT_CACHE_ROOT, discard, makeStaging, publish, readSources, REPO_ROOT } from './cache.js';
import { compilerIdentity, type CompilerName } from './compiler.js';
import { commandLine, run } from './exec.js';
import { generateImage, GENERATOR_VERSION } from './generated.js';
import { type CompiledFixture, type FixtureEntry, type GeneratedFixture, parseManifest } from './manifest.js';
import { type BuildFailure, type BuildInfo, type BuildOptions, type CompileError, unexpected } from './types.js';

/** The fixtures' source directory. */
export const FIXTURE_SOURCE_DIR: string = join(REPO_ROOT, 'conformance', 'fixtures');

/** Flags for every compiled fixture (before its own `cflags`). */
export const FIXTURE_CFLAGS: readonly string[] = ['-std=gnu11', '-Wall', '-Wextra', '-Werror', '-O1', '-g', '-shared', '-fPIC'];

/** Where a container's embedded image lies. */
export interface ContainerImage {
  /** Its offset in the container. */
  readonly offset: number;
  /** Its length (the `from` fixture's size). */
  readonly length: number;
}

/** A fixture file in a built set. */
export type BuiltFixture = FixtureEntry & {
  /** Absolute path of the file. */
  readonly path: string;
  /** Its size in bytes. */
  readonly size: number;
  /** For containers: where the embedded image lies. */
  readonly image?: ContainerImage;
};

/** A built fixture set: one directory holding every fixture file. */
export interface FixtureSet extends BuildInfo {
  /** Every fixture, in manifest order. */
  readonly fixtures: readonly BuiltFixture[];
}

const MANIFEST = 'fixtures.yaml';
const BUILT_LIST = 'fixtures.json';

/** The compile command for one fixture, linking against its `links` in `out`. */
function fixtureArgs(f: CompiledFixture, src: string, out: string): string[] {
  const soname = `-Wl,-soname,${f.file}`;
  const links = f.links.length > 0 ? [`-L${out}`, ...f.links.map((l) => `-ldlspec-${l}`)] : [];
  return [...FIXTURE_CFLAGS, `-I${src}`, soname, ...f.cflags, '-o', join(out, f.file), ...f.sources.map((s) => join(src, s)), ...links];
}

/** Compiles the fixtures level by level (a fixture after those it links against). */
async function compileFixtures(cc: CompilerName, list: readonly CompiledFixture[], src: string, out: string): Promise<CompileError[]> {
  const done = new Set<string>();
  const errors: CompileError[] = [];
  let pending = [...list];
  while (pending.length > 0 && errors.length === 0) {
    const ready = pending.filter((f) => f.links.every((l) => done.has(l)));
    pending = pending.filter((f) => !ready.includes(f));
    const results = await Promise.all(ready.map(async (f) => ({ f, args: fixtureArgs(f, src, out), r: await run(cc, fixtureArgs(f, src, out)) })));
    for (const { f, args, r } of results) {
      if (r.code === 0) done.add(f.name);
      else errors.push({ source: f.sources.join(' '), command: commandLine(cc, args), output: r.stderr || r.stdout });
    }
    if (ready.length === 0) errors.push({ source: MANIFEST, output: 'fixtures link against each other in a cycle' });
  }
  return errors;
}

/** Writes the generated fixtures from the compiled ones in `out`. */
async function writeGenerated(list: readonly GeneratedFixture[], out: string): Promise<CompileError[]> {
  const errors: CompileError[] = [];
  for (const g of list) {
    const source = g.from === undefined ? undefined : await readFile(join(out, `libdlspec-${g.from}.so`));
    const made = generateImage(g, source === undefined ? undefined : new Uint8Array(source));
    if (made.ok) await writeFile(join(out, g.file), made.bytes);
    else errors.push({ source: MANIFEST, output: made.problem });
  }
  return errors;
}

/** Describes the files of a finished set (sizes, container images). */
async function describe(entries: readonly FixtureEntry[], dir: string): Promise<BuiltFixture[]> {
  const size = async (file: string): Promise<number> => (await readFile(join(dir, file))).length;
  return Promise.all(
    entries.map(async (e) => {
      const built = { ...e, path: join(dir, e.file), size: await size(e.file) };
      if (e.kind !== 'generated' || e.generator !== 'container' || e.from === undefined) return built;
      return { ...built, image: { offset: e.offset ?? 512, length: await size(`libdlspec-${e.from}.so`) } };
    }),
  );
}

/** Builds into a staging directory; returns the errors (empty on success). */
async function buildInto(cc: CompilerName, entries: readonly FixtureEntry[], src: string, staging: string): Promise<CompileError[]> {
  const compiled = entries.filter((e): e is CompiledFixture => e.kind === 'compiled');
  const errors = await compileFixtures(cc, compiled, src, staging);
  if (errors.length > 0) return errors;
  const generatedErrors = await writeGenerated(entries.filter((e): e is GeneratedFixture => e.kind === 'generated'), staging);
  if (generatedErrors.length > 0) return generatedErrors;
  const list = (await describe(entries, staging)).map(({ path: _path, ...rest }) => rest);
  await writeFile(join(staging, BUILT_LIST), JSON.stringify(list, null, 1));
  return [];
}

/**
 * Builds every fixture of the manifest with `options.cc`, or reuses the cached set. Compile errors,
 * manifest problems and generator problems come back as a {@link BuildFailure}; nothing is thrown.
 */
export async function buildFixtures(options: BuildOptions): Promise<FixtureSet | BuildFailure> {
  try {
    const src = options.sourceDir ?? FIXTURE_SOURCE_DIR;
    const cacheRoot = options.cacheRoot ?? DEFAULT_CACHE_ROOT;
    const manifest = parseManifest(await readFile(join(src, MANIFEST), 'utf8'));
    if (!manifest.ok) return { ok: false, errors: manifest.problems.map((output) => ({ source: MANIFEST, output })) };
    const identity = await compilerIdentity(options.cc);
    if (!identity.ok) return { ok: false, errors: [{ source: options.cc, output: identity.problem }] };
    const sources = await readSources(src, /\.(c|h|yaml)$/);
    const hash = buildHash(`fixtures/${GENERATOR_VERSION}`, `${identity.name}\n${identity.version}`, FIXTURE_CFLAGS, sources);
    const dir = join(cacheRoot, hash);
    const info = { ok: true as const, dir, hash, compiler: options.cc };
    if (existsSync(join(dir, BUILT_LIST))) return { ...info, cached: true, fixtures: await describe(manifest.fixtures, dir) };
    const staging = await makeStaging(cacheRoot, hash);
    const errors = await buildInto(options.cc, manifest.fixtures, src, staging);
    if (errors.length > 0) {
      await discard(staging);
      return { ok: false, errors };
    }
    await publish(staging, cacheRoot, hash);
    return { ...info, cached: false, fixtures: await describe(manifest.fixtures, dir) };
  } catch (error) {
    return unexpected(error);
  }
}
