/**
 * The explorer's alphabet in a state: every letter the profile has, over every fixture, source
 * kind, dlmem flag, mode bit and premap behaviour, each varied one at a time from a default load
 * (the way case dimensions vary one parameter), plus the calls on every handle the caller holds.
 * Loads stop once `maxHandles` distinct objects are held, and only the first `variedLoads` loads
 * of a sequence vary every dimension; later ones are each API's default load of a few fixtures
 * (small constants, as TLC's are: they bound the state space, and the report states them).
 *
 * @module
 */
import type { Call, CallOf, DlmemArgs, PremapBehaviour } from '../types/calls.js';
import type { ModelState } from '../types/state.js';
import type { World } from '../world/world.js';
import { isLive, isOpen, objectAt } from '../state/objects.js';
import { handleOf } from '../state/vars.js';
import { SOURCE_KINDS } from '../script/sources.js';
import { type DlmemChoice, type Letter, dlmemLetter, mode, moveLetter, symbolLetter } from './letters.js';

/** The bounds of an exploration. */
export interface Bounds {
  /**
   * How many distinct live objects the caller's handles may name before loads stop (an object
   * kept loaded after its last dlclose still counts: it is still in the state).
   */
  readonly maxHandles: number;
  /** While fewer handles than this are held, loads vary every dimension; after, only the core loads. */
  readonly variedLoads: number;
}

/** The default bounds. */
export const DEFAULT_BOUNDS: Bounds = { maxHandles: 2, variedLoads: 1 };

/** The loads that stay in the alphabet once `variedLoads` is reached. */
const CORE_LOADS = new Set([
  'dlmem ctor', 'dlmem plain', 'dlmem soname', 'dlmem nsid=LM_ID_NEWLM', 'dlmem DLMEM_DONTREPLACE', 'dlopen ctor',
  'dlopen plain', 'fdlopen ctor', 'dlopen_with_offset container-4096',
  'dlopen ctor NORELOCATE', 'dlopen plain NORELOCATE', 'dlopen plain NOW', 'dlmopen LM_ID_NEWLM ctor NORELOCATE',
]);

const PREMAPS: readonly PremapBehaviour[] = ['anon', 'memfd-shared', 'map32bit', 'map-failed', 'null', 'misaligned', 'short', 'reentrant-dlopen'];
const NOW = mode('RTLD_NOW');
const RO = { r: true, w: false, x: false } as const;

/** The handle variables the caller may still use, the first name of each object. */
export function heldHandles(state: ModelState): ReadonlyMap<string, number> {
  const held = new Map<string, number>();
  const seen = new Set<number>();
  for (const [name, value] of state.vars) {
    // A handle closed to zero opens names nothing the caller may use (base.dlclose.bad-handle).
    if (value.kind !== 'handle' || seen.has(value.object) || handleOf(state, name) === undefined || !isOpen(objectAt(state, value.object))) continue;
    seen.add(value.object);
    held.set(name, value.object);
  }
  return held;
}

/** The fixture the default load uses: `ctor` (a constructor and a dependency) when the world has it. */
function defaultImage(world: World): string {
  return world.images.has('ctor') ? 'ctor' : ([...world.images.keys()][0] ?? 'plain');
}

/** The dlmem choices: the default, then one dimension changed at a time. */
function dlmemChoices(world: World): readonly [string, DlmemChoice][] {
  const image = defaultImage(world);
  const base: DlmemChoice = { image, source: 'file-r', args: null, mode: NOW };
  const args = (a: DlmemArgs): DlmemArgs => a;
  const out: [string, DlmemChoice][] = [[`dlmem ${image}`, base]];
  // A container fixture's file holds its image after junk: the container source covers it.
  for (const f of world.images.values()) if (f.name !== image && f.embeddedAt === undefined) out.push([`dlmem ${f.name}`, { ...base, image: f.name }]);
  for (const source of SOURCE_KINDS) {
    if (source !== base.source) out.push([`dlmem source=${source}`, { ...base, source, image: source === 'container' ? 'plain' : image }]);
  }
  for (const premap of PREMAPS) out.push([`dlmem premap=${premap}`, { ...base, args: args({ premap }) }]);
  out.push(['dlmem DLMEM_DONTREPLACE', { ...base, args: args({ flags: ['DLMEM_DONTREPLACE'], premap: 'anon' }) }]);
  out.push(['dlmem DLMEM_GENBUF_SRC', { ...base, source: 'heap', args: args({ flags: ['DLMEM_GENBUF_SRC'] }) }]);
  out.push(['dlmem flags=0x100', { ...base, args: args({ extraFlagBits: 0x100 }) }]);
  out.push(['dlmem nsid=LM_ID_NEWLM', { ...base, args: args({ nsid: 'LM_ID_NEWLM' }) }]);
  out.push(['dlmem soname', { ...base, args: args({ soname: 'libdlspec-explored.so' }) }]);
  out.push(['dlmem RTLD_LAZY', { ...base, mode: mode('RTLD_LAZY') }]);
  out.push(['dlmem RTLD_GLOBAL', { ...base, mode: mode('RTLD_NOW', 'RTLD_GLOBAL') }]);
  out.push(['dlmem RTLD_NOLOAD', { ...base, mode: mode('RTLD_NOW', 'RTLD_NOLOAD') }]);
  out.push(['dlmem mode=0', { ...base, mode: mode() }]);
  out.push(['dlmem mode bit 0x8000000', { ...base, mode: { flags: ['RTLD_NOW'], extraBits: 0x8000000 } }]);
  out.push(['dlmem nsid=99', { ...base, args: args({ nsid: { raw: 99 } }) }]);
  return out;
}

/** The loads of the dlmem proposal: dlmem's choices and the dlopen family beside it. */
function dlmemLoads(world: World, state: ModelState, as: string): readonly Letter[] {
  const region = `r${state.regions.size}`;
  const image = defaultImage(world);
  const letters = dlmemChoices(world).flatMap(([label, c]) => dlmemLetter(label, c, region, as) ?? []);
  letters.push({ label: 'dlmem NULL buffer', calls: [{ type: 'dlmem', as, buffer: null, size: 4096, mode: NOW, args: null }] });
  letters.push({ label: 'dlmem size=64', calls: [{ type: 'mmap-file', as: region, file: { image }, prot: RO, shared: false }, { type: 'dlmem', as, buffer: { region }, size: 64, mode: NOW, args: null }] });
  for (const flags of [[], ['DLMEM_GENBUF_SRC']] as const) {
    letters.push({
      label: `dlmem misaligned heap${flags.length > 0 ? ' DLMEM_GENBUF_SRC' : ''}`,
      calls: [{ type: 'malloc', as: region, content: { image }, misalign: 8 }, { type: 'dlmem', as, buffer: { region }, size: 'image', mode: NOW, args: flags.length > 0 ? { flags } : null }],
    });
  }
  letters.push({ label: 'dlopen mode bit 0x8000000', calls: [{ type: 'dlopen', as, file: image, mode: { flags: ['RTLD_NOW'], extraBits: 0x8000000 } }] });
  if (world.images.has('missing-dep')) letters.push({ label: 'dlopen missing-dep', calls: [{ type: 'dlopen', as, file: 'missing-dep', mode: NOW }] });
  letters.push({ label: 'dlmopen nsid=99', calls: [{ type: 'dlmopen', as, nsid: { raw: 99 }, file: image, mode: NOW }] });
  for (const name of new Set([image, 'plain'])) letters.push({ label: `dlopen ${name}`, calls: [{ type: 'dlopen', as, file: name, mode: NOW }] });
  letters.push({ label: `fdlopen ${image}`, calls: [{ type: 'fdlopen', as, file: { image }, mode: NOW }] });
  if (world.images.has('container-4096')) {
    letters.push({ label: 'dlopen_with_offset container-4096', calls: [{ type: 'dlopen-with-offset', as, container: 'plain', offset: 4096, length: 'image', mode: NOW }] });
  }
  return letters;
}

/** The loads of the RTLD_NORELOCATE proposal: every fixture with the bit, and the mode bits varied. */
function norelocLoads(world: World, as: string): readonly Letter[] {
  const image = defaultImage(world);
  const open = (label: string, file: string, m: ReturnType<typeof mode>): Letter => ({ label, calls: [{ type: 'dlopen', as, file, mode: m }] });
  // dlopen of an image the ELF reader rejects is outside the model (dlmem's ELF clauses cover them).
  const loadable = [...world.images.values()].filter((f) => f.elf.ok && f.embeddedAt === undefined).map((f) => f.name);
  const letters = loadable.map((name) => open(`dlopen ${name} NORELOCATE`, name, mode('RTLD_NOW', 'RTLD_NORELOCATE')));
  letters.push(open(`dlopen ${image}`, image, NOW), open('dlopen plain NOW', 'plain', NOW));
  letters.push(open(`dlopen ${image} LAZY|NORELOCATE`, image, mode('RTLD_LAZY', 'RTLD_NORELOCATE')));
  letters.push(open(`dlopen ${image} GLOBAL|NORELOCATE`, image, mode('RTLD_NOW', 'RTLD_GLOBAL', 'RTLD_NORELOCATE')));
  letters.push(open(`dlopen ${image} NODELETE|NORELOCATE`, image, mode('RTLD_NOW', 'RTLD_NODELETE', 'RTLD_NORELOCATE')));
  letters.push(open(`dlopen ${image} NOLOAD|NORELOCATE`, image, mode('RTLD_NOW', 'RTLD_NOLOAD', 'RTLD_NORELOCATE')));
  letters.push(open(`dlopen ${image} NORELOCATE only`, image, mode('RTLD_NORELOCATE')));
  letters.push({ label: `dlmopen LM_ID_NEWLM ${image} NORELOCATE`, calls: [{ type: 'dlmopen', as, nsid: 'LM_ID_NEWLM', file: image, mode: mode('RTLD_NOW', 'RTLD_NORELOCATE') }] });
  return letters;
}

/** The letters on one held handle. */
function handleLetters(world: World, state: ModelState, handle: string, id: number): readonly Letter[] {
  const object = objectAt(state, id);
  const facts = world.images.get(object.image);
  const fn = facts === undefined ? undefined : [...facts.functions.keys()][0];
  const info = (request: CallOf<'dlinfo'>['request']): Letter => ({ label: `dlinfo ${handle} ${String(request)}`, calls: [{ type: 'dlinfo', as: 'di', handle, request }] });
  const letters: Letter[] = [symbolLetter(handle, 'dlspec_absent', 'dlsym')];
  if (fn !== undefined) letters.push(symbolLetter(handle, fn, 'call'), symbolLetter(handle, fn, 'dladdr'));
  letters.push(info('RTLD_DI_LMID'), info('RTLD_DI_LINKMAP'), info('RTLD_DI_ORIGIN'), info(0x7fff));
  letters.push({ label: `dlclose ${handle}`, calls: [{ type: 'dlclose', handle }] });
  if (world.profile.proposal === 'dlmem' && object.ns !== 0) {
    const region = `r${state.regions.size}`;
    const into = dlmemLetter(`dlmem into the namespace of ${handle}`, { image: 'plain', source: 'file-r', args: { nsid: { var: 'ns' } }, mode: NOW }, region, `h${state.objects.length}`);
    if (into !== undefined) letters.push({ label: into.label, calls: [{ type: 'dlinfo', as: 'ns', handle, request: 'RTLD_DI_LMID' }, ...into.calls] });
  }
  if (world.profile.proposal === 'norelocate') letters.push(...norelocHandleLetters(world, state, handle, id));
  const source = object.source === undefined ? undefined : state.regions.get(object.source.region);
  if (source?.mapped === true) {
    if (source.prot.w) letters.push({ label: `overwrite source of ${handle}`, calls: [{ type: 'copy-in', region: source.id, content: { junk: 64 } }] });
    if (source.kind !== 'heap') letters.push({ label: `munmap source of ${handle}`, calls: [{ type: 'munmap', region: source.id }] });
    letters.push({ label: `dladdr in source of ${handle}`, calls: [{ type: 'dladdr', as: 'info', address: { region: source.id, offset: 16 } }] });
  }
  return letters;
}

/** RTLD_NORELOCATE's letters on a held handle: relocate, move, and the same through its first dependency. */
function norelocHandleLetters(world: World, state: ModelState, handle: string, id: number): readonly Letter[] {
  const object = objectAt(state, id);
  const region = `r${state.regions.size}`;
  const letters: Letter[] = [
    { label: `dlinfo ${handle} RTLD_DI_MAPINFO`, calls: [{ type: 'dlinfo', as: 'di', handle, request: 'RTLD_DI_MAPINFO' }] },
    { label: `dlinfo ${handle} RTLD_DI_DEPLIST`, calls: [{ type: 'dlinfo', as: 'di', handle, request: 'RTLD_DI_DEPLIST' }] },
    { label: `dlrelocate ${handle}`, calls: [{ type: 'dlrelocate', handle }] },
  ];
  if (world.profile.has('noreloc.dlrelocate.v1-base')) {
    letters.push(moveLetter(`dlrelocate ${handle} at a copy`, handle, object.image, region, true, { type: 'dlrelocate', handle, base: region }));
  }
  if (world.profile.has('noreloc.setbase.records')) {
    letters.push(moveLetter(`move ${handle}`, handle, object.image, region, true, { type: 'dlset-object-base', handle, base: { region } }));
    letters.push(moveLetter(`set base of ${handle} without a copy`, handle, object.image, region, false, { type: 'dlset-object-base', handle, base: { region } }));
    letters.push({ label: `dlset_object_base ${handle} NULL`, calls: [{ type: 'dlset-object-base', handle, base: null }] });
  }
  const dep = object.deps.findIndex((d) => !objectAt(state, d).system);
  if (dep >= 0) {
    const name = `deps[${dep}]`;
    const list: Call = { type: 'dlinfo', as: 'deps', handle, request: 'RTLD_DI_DEPLIST' };
    letters.push({ label: `dlrelocate dependency of ${handle}`, calls: [list, { type: 'dlrelocate', handle: name }] });
  }
  return letters;
}

/** Every letter enabled in `state`. */
export function alphabet(world: World, state: ModelState, bounds: Bounds = DEFAULT_BOUNDS): readonly Letter[] {
  const held = heldHandles(state);
  const named = new Set<number>();
  for (const v of state.vars.values()) if (v.kind === 'handle' && isLive(objectAt(state, v.object))) named.add(v.object);
  const letters: Letter[] = [{ label: 'dlerror', calls: [{ type: 'dlerror' }] }];
  if (named.size < bounds.maxHandles) {
    const as = `h${state.objects.length}`;
    const loads = world.profile.proposal === 'dlmem' ? dlmemLoads(world, state, as) : norelocLoads(world, as);
    letters.push(...(named.size < bounds.variedLoads ? loads : loads.filter((l) => CORE_LOADS.has(l.label))));
  }
  for (const [name, id] of held) {
    letters.push(...handleLetters(world, state, name, id));
    // Reopening what is held: a second reference (the refcount side of dlclose).
    const object = objectAt(state, id);
    if (object.via === 'dlopen' && world.images.has(object.image)) {
      letters.push({ label: `reopen ${name}`, calls: [{ type: 'dlopen', as: `h${state.objects.length}`, file: object.image, mode: object.mode }] });
    }
  }
  return letters;
}
