/**
 * Typical call sequences for the model benchmark, after the proposal branches' own tests.
 *
 * @module
 */
import type { Call } from '../types/calls.js';
import type { ProfileId } from '../world/world.js';

/** One benchmark scenario: a script and the profile it runs in. */
export interface Scenario {
  /** A short name. */
  readonly name: string;
  /** The profile. */
  readonly profile: ProfileId;
  /** The calls. */
  readonly calls: readonly Call[];
}

const NOW = { flags: ['RTLD_NOW'] } as const;
const DEFER = { flags: ['RTLD_NOW', 'RTLD_NORELOCATE'] } as const;
const R = { r: true, w: false, x: false } as const;

/**
 * The reference scenario: the cheapest call, repeated. Its rate in the same run gives a yardstick
 * for the machine's load, so that the other rates can be read as ratios to it.
 */
export const REFERENCE: Scenario = {
  name: 'reference (dlerror)',
  profile: 'dlmem-v9',
  calls: Array.from({ length: 8 }, () => ({ type: 'dlerror' }) as const),
};

/** The scenarios `npm run bench` times. */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'tst-noreloc',
    profile: 'norelocate-v2',
    calls: [
      { type: 'dlopen', as: 'h', file: 'ctor', mode: DEFER },
      { type: 'dlsym', as: 's', handle: 'h', symbol: 'ref1' },
      { type: 'dlclose', handle: 'h' },
      { type: 'dlopen', as: 'h', file: 'ctor', mode: DEFER },
      { type: 'dlrelocate', handle: 'h' },
      { type: 'dlrelocate', handle: 'h' },
      { type: 'dlclose', handle: 'h' },
      { type: 'dlopen', as: 'h', file: 'ctor', mode: DEFER },
      { type: 'dlinfo', as: 'mi', handle: 'h', request: 'RTLD_DI_MAPINFO' },
      { type: 'mmap-anon', as: 'dst', length: 'extent', image: 'ctor', prot: { r: true, w: true, x: false }, shared: false, below4g: true },
      { type: 'copy-object', handle: 'h', to: 'dst' },
      { type: 'dlset-object-base', handle: 'h', base: { region: 'dst' } },
      { type: 'dlsym', as: 's', handle: 'h', symbol: 'cref1' },
      { type: 'dlclose', handle: 'h' },
    ],
  },
  {
    name: 'tst-dlmem-extfns',
    profile: 'dlmem-branch',
    calls: [
      { type: 'mmap-file', as: 'src', file: { image: 'plain' }, prot: R, shared: false },
      { type: 'dlmem', as: 'bad', buffer: { region: 'src', offset: 1 }, size: 4096, mode: NOW, args: null },
      { type: 'dlerror' },
      { type: 'dlmem', as: 'h', buffer: { region: 'src' }, size: 'region', mode: NOW, args: null },
      { type: 'munmap', region: 'src' },
      { type: 'dlsym', as: 's', handle: 'h', symbol: 'ref1' },
      { type: 'call', as: 'v', symbol: 's' },
      { type: 'dladdr', as: 'info', address: { symbol: 's' } },
      { type: 'dlclose', handle: 'h' },
    ],
  },
  {
    name: 'baseline',
    profile: 'dlmem-v9',
    calls: [
      { type: 'dlopen', as: 'h', file: 'ctor', mode: NOW },
      { type: 'dlsym', as: 's', handle: 'h', symbol: 'ref1' },
      { type: 'dlopen', as: 'h2', file: 'plain', mode: NOW },
      { type: 'dlclose', handle: 'h2' },
      { type: 'dlclose', handle: 'h' },
      { type: 'dlopen', as: 'u', file: 'undef-data', mode: NOW },
      { type: 'dlerror' },
    ],
  },
];
