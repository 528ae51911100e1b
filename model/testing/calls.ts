/**
 * Test support: random call sequences over every call (dl*, dlmem and its sources, the
 * norelocate caller actions) for property tests of the model and for trace validation.
 *
 * @module
 */
import fc from 'fast-check';
import type { Call, Mode, PremapBehaviour } from '../types/calls.js';
import type { ModelState } from '../types/state.js';
import { initialState } from '../state/initial.js';
import { rwRegion } from '../transitions/lib/chain.js';

/** The state random sequences start from: the main program's handle bound to `main`, two writable regions `r1` and `r2`. */
export const RANDOM_START: ModelState =
  rwRegion(rwRegion({ ...initialState(), vars: new Map([['main', { kind: 'handle', object: 0 }]]) }, 'r1', 0x4000), 'r2', 0x4000);

const handles = ['h1', 'h2', 'deps[0]', 'deps[1]', 'main'] as const;
const images = ['plain', 'ctor', 'undef-func', 'undef-data', 'needs-missing'] as const;
const modes: readonly Mode[] = [
  { flags: ['RTLD_NOW'] }, { flags: ['RTLD_LAZY'] }, { flags: ['RTLD_NOW', 'RTLD_GLOBAL'] },
  { flags: ['RTLD_NOW', 'RTLD_NORELOCATE'] }, { flags: ['RTLD_LAZY', 'RTLD_NORELOCATE'] },
  { flags: ['RTLD_NOW', 'RTLD_GLOBAL', 'RTLD_NORELOCATE'] }, { flags: ['RTLD_NOW', 'RTLD_NODELETE', 'RTLD_NORELOCATE'] },
  { flags: ['RTLD_NOW', 'RTLD_NOLOAD'] }, { flags: [] },
];
const h = fc.constantFrom(...handles);
const premaps: readonly (PremapBehaviour | undefined)[] = [undefined, 'anon', 'memfd-shared', 'map32bit', 'map-failed', 'null', 'misaligned'];
const region = fc.constantFrom('r1', 'r2');

/** A random call over every call type, naming the handles, regions and images of {@link RANDOM_START} and the sample world. */
export const callArb: fc.Arbitrary<Call> = fc.oneof(
  fc.record({ type: fc.constant('dlopen' as const), as: fc.constantFrom('h1', 'h2'), file: fc.constantFrom<string | null>(...images, null),
    mode: fc.constantFrom(...modes) }),
  fc.record({ type: fc.constant('dlmopen' as const), as: fc.constantFrom('h1', 'h2'), nsid: fc.constantFrom('LM_ID_BASE' as const, 'LM_ID_NEWLM' as const, { raw: 1 }),
    file: fc.constantFrom(...images), mode: fc.constantFrom(...modes) }),
  fc.record({ type: fc.constant('dlsym' as const), as: fc.constant('f'), handle: fc.constantFrom<string>(...handles, 'RTLD_DEFAULT'),
    symbol: fc.constantFrom('ref1', 'cref1', 'nothing') }),
  fc.record({ type: fc.constant('dlsym' as const), as: fc.constant('d'), handle: fc.constantFrom<string>(...handles, 'RTLD_DEFAULT'), symbol: fc.constant('bar') }),
  fc.record({ type: fc.constant('dlinfo' as const), as: fc.constantFrom('i', 'deps'), handle: h,
    request: fc.constantFrom('RTLD_DI_MAPINFO' as const, 'RTLD_DI_DEPLIST' as const, 'RTLD_DI_LINKMAP' as const, 'RTLD_DI_LMID' as const, 99) }),
  fc.record({ type: fc.constant('dlrelocate' as const), handle: h }),
  fc.record({ type: fc.constant('copy-object' as const), handle: h, to: region }),
  fc.record({ type: fc.constant('dlset-object-base' as const), handle: h,
    base: fc.oneof(fc.constant(null), fc.record({ region, offset: fc.constantFrom(0, 0x10) })) }),
  fc.record({ type: fc.constant('dlclose' as const), handle: h }),
  fc.record({ type: fc.constant('dladdr' as const), as: fc.constant('a'), address: fc.constantFrom({ symbol: 'f' }, { symbol: 'd' }, { region: 'r1' }) }),
  fc.record({ type: fc.constant('call' as const), as: fc.constant('v'), symbol: fc.constant('f') }),
  fc.record({ type: fc.constant('read-data' as const), as: fc.constant('v'), symbol: fc.constant('d') }),
  fc.record({ type: fc.constant('write-data' as const), symbol: fc.constant('d'), value: fc.nat(100) }),
  fc.constant({ type: 'dlerror' as const }),
  fc.record({ type: fc.constant('mmap-file' as const), as: fc.constantFrom('src1', 'src2'), file: fc.constantFrom(...images).map((image) => ({ image })),
    prot: fc.constantFrom({ r: true, w: false, x: false }, { r: true, w: true, x: false }), shared: fc.boolean() }),
  fc.record({ type: fc.constant('dlmem' as const), as: fc.constantFrom('h1', 'h2'),
    buffer: fc.record({ region: fc.constantFrom('src1', 'src2'), offset: fc.constantFrom(0, 1) }),
    size: fc.constant('region' as const), mode: fc.constantFrom(...modes),
    args: fc.option(fc.record({ flags: fc.subarray(['DLMEM_DONTREPLACE', 'DLMEM_GENBUF_SRC'] as const), premap: fc.constantFrom(...premaps) }), { nil: null })
      .map((a) => (a === null ? null : { flags: a.flags, ...(a.premap === undefined ? {} : { premap: a.premap }) })) }),
  fc.record({ type: fc.constant('mprotect' as const), region: fc.constantFrom('src1', 'src2'), prot: fc.constant({ r: true, w: true, x: false }) }),
  fc.record({ type: fc.constant('munmap' as const), region: fc.constantFrom('src1', 'src2') }),
);

/** Calls that name a variable the script has not bound are script errors, not loader behaviour. */
export function wellFormed(state: ModelState, call: Call): boolean {
  if (call.type === 'call' || call.type === 'read-data' || call.type === 'write-data') {
    const v = state.vars.get(call.symbol);
    return v?.kind === 'null' || v?.kind === 'symbol';
  }
  if (call.type === 'dladdr' && 'symbol' in call.address) {
    const v = state.vars.get(call.address.symbol);
    return v?.kind === 'null' || v?.kind === 'symbol';
  }
  return true;
}

