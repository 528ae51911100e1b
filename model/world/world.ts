/**
 * The static facts a model run is given: the profile in force, the fixture images and what they
 * report, and what the system libraries provide. Nothing here changes during a run.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { ElfResult } from '../elf/index.js';

/** The profiles a model run can take (spec/profiles.yaml). */
export type ProfileId = 'dlmem-v9' | 'dlmem-branch' | 'norelocate-v1' | 'norelocate-v2' | 'norelocate-branch';

/** The clauses in force for one profile. */
export interface ProfileView {
  /** The profile's id. */
  readonly id: ProfileId;
  /** The proposal it belongs to. */
  readonly proposal: 'dlmem' | 'norelocate';
  /** Whether a clause is in force in this profile. */
  readonly has: (clause: ClauseId) => boolean;
}

/** What the model knows of one fixture image. */
export interface ImageFacts {
  /** The fixture's name (the key scripts use). */
  readonly name: string;
  /** The file name the loader finds it by (DT_NEEDED entries and dlopen paths use it). */
  readonly fileName: string;
  /** The parsed ELF image, or the defect that makes a loader reject it. */
  readonly elf: ElfResult;
  /** Whether the fixture's constructor reports to the driver. */
  readonly reportsCtor: boolean;
  /** Whether the fixture's destructor reports to the driver. */
  readonly reportsDtor: boolean;
  /** What calling each of its functions returns. */
  readonly functions: ReadonlyMap<string, number>;
  /** The clauses a function's result shows to hold in an object dlmem loaded (fixtures.yaml `shows`). */
  readonly shows?: ReadonlyMap<string, readonly ClauseId[]>;
  /** The initial value of each of its int data symbols. */
  readonly data: ReadonlyMap<string, number>;
  /** The file's size in bytes, when the world was built from a real file. */
  readonly fileSize?: number;
  /**
   * For a container fixture: the byte its image starts at in the file. Its bytes are junk before
   * that, so a script names its image as `{ container, at }`, never as `{ image }`.
   */
  readonly embeddedAt?: number;
}

/** Everything static about a model run. */
export interface World {
  /** The profile in force. */
  readonly profile: ProfileView;
  /** Fixture images by name. */
  readonly images: ReadonlyMap<string, ImageFacts>;
  /** Fixture names by the file name a loader searches for. */
  readonly byFileName: ReadonlyMap<string, string>;
  /** DT_NEEDED names the system satisfies (libc.so.6, …). */
  readonly systemLibs: ReadonlySet<string>;
  /** Symbol names the system libraries define. */
  readonly systemSymbols: ReadonlySet<string>;
  /** The page size. */
  readonly pageSize: number;
}
