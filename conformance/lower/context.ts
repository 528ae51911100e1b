/**
 * What lowering one case keeps while it walks the steps: the built fixtures (paths, sizes,
 * containers), the regions the case bound so far (for `size: image`), the junk files it needs,
 * the renaming of the model's premap regions, and the first problem met. Problems are recorded,
 * not thrown: a lookup that fails records why and returns a placeholder, and lowerCase stops at
 * the step that recorded it.
 *
 * @module
 */
import type { Content } from '../../model/types/calls.js';
import type { World } from '../../model/world/world.js';
import { junkBytes } from '../build/generated.js';
import type { BuiltFixture, FixtureSet } from '../build/index.js';
import { SLOT_NAME } from './values.js';

/** A file the case needs beside its input (junk content), relative to the case's directory. */
export interface CaseFile {
  /** File name, relative to the case's directory (the driver's working directory). */
  readonly name: string;
  /** Its bytes. */
  readonly bytes: Uint8Array;
}

/** What the lowering knows of a region: which content starts where in it. */
export interface RegionFacts {
  /** Its length in bytes, when known. */
  readonly length: number | undefined;
  /** The content it holds, or null when unknown (zeros, a copied object). */
  readonly content: Content | null;
  /** Where the content's first byte is, relative to the region's start. */
  readonly contentAt: number;
}

/** The state of one lowering. */
export class LowerContext {
  /** The first problem met, if any. */
  problem: string | undefined;
  /** Regions bound so far, by the case's name. */
  readonly regions = new Map<string, RegionFacts>();
  /** Junk files, by name. */
  readonly files = new Map<string, CaseFile>();
  private readonly byName: ReadonlyMap<string, BuiltFixture>;
  private readonly containers: readonly BuiltFixture[];

  /**
   * @param fixtures the fixture set built for the loader under test
   * @param world the model's world over those fixtures (for ELF facts)
   * @param pageSize the loader's page size (extents)
   * @param premapSlots the driver's slot for each model premap region (`premap:<id>`)
   */
  constructor(fixtures: FixtureSet, readonly world: World, readonly pageSize: number, private readonly premapSlots: ReadonlyMap<string, string>) {
    this.byName = new Map(fixtures.fixtures.map((f) => [f.name, f]));
    this.containers = fixtures.fixtures.filter((f) => f.image !== undefined && f.kind === 'generated' && f.from !== undefined);
  }

  /** Records a problem (the first one wins) and returns `fallback`. */
  fail<T>(message: string, fallback: T): T {
    this.problem ??= message;
    return fallback;
  }

  /** The built fixture called `name`. */
  fixture(name: string): BuiltFixture | undefined {
    const f = this.byName.get(name);
    return f ?? this.fail(`no fixture named '${name}'`, undefined);
  }

  /** The absolute path of fixture `name`. */
  fixturePath(name: string): string {
    return this.fixture(name)?.path ?? '';
  }

  /** The length of the ELF image fixture `name` is (a container's embedded image, else the file). */
  imageLength(name: string): number {
    const f = this.fixture(name);
    return f === undefined ? 0 : (f.image?.length ?? f.size);
  }

  /** The file holding `image` at byte `at`: the image itself at 0, else a container fixture. */
  container(image: string, at: number): BuiltFixture | undefined {
    const found = this.containers.find((f) => f.kind === 'generated' && f.from === image && f.image?.offset === at);
    if (found !== undefined) return found;
    if (at === 0) return this.fixture(image);
    return this.fail(`no container fixture holds '${image}' at byte ${at}`, undefined);
  }

  /** A file with `content`'s bytes: its path (junk files are written beside the case) and size. */
  contentFile(content: Content): { readonly path: string; readonly size: number } {
    if ('image' in content) {
      const f = this.fixture(content.image);
      if (f?.image !== undefined) {
        return this.fail(`'${content.image}' is a container fixture: its file holds the image at byte ${f.image.offset}, after junk; name it as { container, at }`, { path: '', size: 0 });
      }
      return { path: f?.path ?? '', size: f?.size ?? 0 };
    }
    if ('container' in content) {
      const f = this.container(content.container, content.at);
      return { path: f?.path ?? '', size: f?.size ?? 0 };
    }
    if (!Number.isSafeInteger(content.junk) || content.junk < 0) return this.fail(`junk length ${content.junk} is not a byte count`, { path: '', size: 0 });
    const name = `junk-${content.junk}.bin`;
    if (!this.files.has(name)) this.files.set(name, { name, bytes: junkBytes(name, content.junk) });
    return { path: `./${name}`, size: content.junk };
  }

  /**
   * A slot name as the driver knows it: model premap regions renamed, a deplist entry `deps[1]`
   * (the model's spelling) as `deps.1` (the driver's), others checked.
   */
  slot(name: string): string {
    const renamed = this.premapSlots.get(name);
    if (renamed !== undefined) return renamed;
    const entry = /^(.+)\[(\d+)\]$/.exec(name);
    if (entry !== null) return `${this.slot(entry[1] as string)}.${entry[2] as string}`;
    if (/^premap:/.test(name)) return this.fail(`cannot tell which dlmem step made region '${name}'`, name);
    return SLOT_NAME.test(name) ? name : this.fail(`'${name}' is not a driver slot name ([A-Za-z0-9_.-]+)`, name);
  }
}
