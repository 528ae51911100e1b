/**
 * One mutated image as a case: its bytes written to the fuzz cache under their hash, a fixture
 * set and a world that hold it beside the built fixtures, and the case that loads it. The case
 * puts the image in a memfd (a shared source, which dlmem may map or copy, so that the memfd
 * compatibility layer and a native dlmem are judged alike), calls dlmem on the whole of it and
 * reads dlerror().
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readElf } from '../../model/elf/index.js';
import type { Call } from '../../model/types/calls.js';
import type { ImageFacts, ProfileId, World } from '../../model/world/world.js';
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import { REPO_ROOT } from '../build/cache.js';
import type { BuiltFixture, FixtureSet } from '../build/index.js';
import type { CaseDef } from '../case-file/case.js';

/** The name the mutated image has in its case, its fixture set and its world. */
export const FUZZ_IMAGE = 'fuzz-image';

/** Where mutated images are written (ignored by git with the rest of .cache/). */
export const FUZZ_CACHE: string = join(REPO_ROOT, '.cache', 'fuzz-elf');

/** A mutated image on disk. */
export interface ImageFile {
  /** Its bytes. */
  readonly bytes: Uint8Array;
  /** Its absolute path. */
  readonly path: string;
  /** Its file name (`<sha256 prefix>.so`). */
  readonly file: string;
}

/** Writes `bytes` to `<cacheDir>/<hash>.so` unless a file of that hash is there already. */
export async function writeImage(bytes: Uint8Array, cacheDir = FUZZ_CACHE): Promise<ImageFile> {
  const file = `fuzz-${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.so`;
  const path = join(cacheDir, file);
  if (!existsSync(path)) {
    await mkdir(cacheDir, { recursive: true });
    const staging = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    await writeFile(staging, bytes);
    await rename(staging, path);
  }
  return { bytes, path, file };
}

/** What the model knows of a mutated image: what its ELF reader makes of the bytes, and nothing else. */
export function imageFacts(image: ImageFile): ImageFacts {
  return {
    name: FUZZ_IMAGE, fileName: image.file, elf: readElf(image.bytes), reportsCtor: false, reportsDtor: false,
    functions: new Map(), data: new Map(), shows: new Map(), fileSize: image.bytes.length,
  };
}

/** `set` with the image added as one more fixture. */
export function setWithImage(set: FixtureSet, image: ImageFile): FixtureSet {
  const fixture: BuiltFixture = {
    kind: 'generated', name: FUZZ_IMAGE, file: image.file, generator: 'junk',
    facts: { functions: {}, data: {}, reportsCtor: false, reportsDtor: false }, path: image.path, size: image.bytes.length,
  };
  return { ...set, fixtures: [...set.fixtures.filter((f) => f.name !== FUZZ_IMAGE), fixture] };
}

/** `world` with the image's facts added. */
export function worldWithImage(world: World, facts: ImageFacts): World {
  return {
    ...world,
    images: new Map([...world.images, [FUZZ_IMAGE, facts]]),
    byFileName: new Map([...world.byFileName, [facts.fileName, FUZZ_IMAGE]]),
  };
}

/** The clauses every fuzz case is about. */
export const FUZZ_CLAUSES: readonly ClauseId[] = ['dlmem.elf.no-crash', 'dlmem.elf.dlopen-equivalence', 'dlmem.fail.clean'];

/** The steps of a fuzz case: the image in a memfd, dlmem of all of it, dlerror(). */
export const FUZZ_STEPS: readonly Call[] = [
  { type: 'memfd', as: 'src', content: { image: FUZZ_IMAGE }, prot: { r: true, w: false, x: false } },
  { type: 'dlmem', as: 'h', buffer: { region: 'src' }, size: 'region', mode: { flags: ['RTLD_NOW'] }, args: null },
  { type: 'dlerror' },
];

/** The case of image `index` of `seed`, judged in `profile`. */
export function fuzzCase(seed: string, index: number, profile: ProfileId, description: string): CaseDef {
  return {
    id: `fuzz-elf/${seed}/${index}`, description, clauses: FUZZ_CLAUSES, features: ['dlmem'], profiles: [profile],
    steps: FUZZ_STEPS, file: `(fuzz-elf --seed ${seed} --only ${index})`,
  };
}
