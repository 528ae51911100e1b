/**
 * The model's world for a conformance run: the facts of the fixtures as built for the loader
 * under test (each file read by the model's ELF reader, plus the manifest's facts), and what the
 * loader's system libraries define.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { readElf } from '../model/elf/index.js';
import type { ImageFacts, ProfileId, World } from '../model/world/world.js';
import type { ClauseId } from '../spec/clause-ids.gen.js';
import { registryProfile } from '../model/world/registry-profile.js';
import type { BuiltFixture, FixtureSet } from './build/index.js';

/** The system side of a world: the libraries fixtures may need that are not fixtures. */
export interface SystemLibraries {
  /** DT_NEEDED names the loader satisfies itself (libc.so.6, …). */
  readonly names: ReadonlySet<string>;
  /** Paths of those libraries, read for the symbols they define. */
  readonly paths: readonly string[];
}

const symbolCache = new Map<string, ReadonlySet<string>>();

/** The dynamic symbols a system library defines (empty when it cannot be read). */
export function definedSymbols(path: string): ReadonlySet<string> {
  let names = symbolCache.get(path);
  if (names === undefined) {
    let bytes: Uint8Array | undefined;
    try { bytes = readFileSync(path); } catch { bytes = undefined; }
    const elf = bytes === undefined ? undefined : readElf(bytes);
    names = new Set(elf?.ok === true ? elf.elf.symbols.defined.keys() : []);
    symbolCache.set(path, names);
  }
  return names;
}

/** The facts of one built fixture: its ELF (a container's embedded image), its manifest facts and size. */
export function fixtureFacts(fixture: BuiltFixture): ImageFacts {
  const bytes = readFileSync(fixture.path);
  const image = fixture.image === undefined ? bytes : bytes.subarray(fixture.image.offset, fixture.image.offset + fixture.image.length);
  return {
    name: fixture.name,
    fileName: fixture.file,
    elf: readElf(image),
    reportsCtor: fixture.facts.reportsCtor,
    reportsDtor: fixture.facts.reportsDtor,
    functions: new Map(Object.entries(fixture.facts.functions)),
    shows: new Map(Object.entries(fixture.facts.shows ?? {}).map(([f, cs]) => [f, cs as readonly ClauseId[]])),
    data: new Map(Object.entries(fixture.facts.data)),
    fileSize: image.length,
    ...(fixture.image === undefined ? {} : { embeddedAt: fixture.image.offset }),
  };
}

/** The world a conformance run checks `profile` in, over a built fixture set and a loader's system libraries. */
export function worldFromFixtures(set: FixtureSet, profile: ProfileId, system: SystemLibraries, pageSize = 4096): World {
  const facts = set.fixtures.map(fixtureFacts);
  const symbols = new Set<string>();
  for (const path of system.paths) for (const name of definedSymbols(path)) symbols.add(name);
  return {
    profile: registryProfile(profile),
    images: new Map(facts.map((f) => [f.name, f])),
    byFileName: new Map(facts.map((f) => [f.fileName, f.name])),
    systemLibs: system.names,
    systemSymbols: symbols,
    pageSize,
  };
}
