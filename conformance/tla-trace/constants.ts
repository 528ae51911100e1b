/**
 * The constants of the TLA+ modules for trace validation, from the model's world: the fixtures'
 * names, DT_SONAMEs, DT_NEEDED entries, which constructors and destructors report, which images
 * may fail to relocate, how dlmem must treat each image, and the profile's form. The sets of
 * calls Next explores are those of the labels the case uses, so that every labelled action is a
 * disjunct of Next; no bound applies.
 *
 * @module
 */
import { CLAUSE_FACTS } from '../../spec/clause-ids.gen.js';
import { sonameOf } from '../../model/loader/closure.js';
import type { ImageFacts, World } from '../../model/world/world.js';
import { type TFun, type Value, funOf, recordOf, seqOf, setOf } from '../../spec/tlacheck/values.js';
import type { TraceModule } from './abstraction.js';
import type { Label } from './labels.js';

/** The query each handle call is, for the constant Queries. */
const QUERIES: Readonly<Record<string, string>> = {
  Dlclose: 'dlclose', Dlsym: 'dlsym', Dlinfo: 'dlinfo', CallerCode: 'code', DlerrorCall: 'dlerror', ReleaseOld: 'release',
};

/** The module a profile's traces are checked against. */
export function moduleOf(world: World): TraceModule {
  return world.profile.proposal === 'dlmem' ? 'Dlmem' : 'Norelocate';
}

/** The names every symbol lookup in `image`'s static closure (it and its DT_NEEDED, transitively) can bind to. */
function closureDefines(world: World, image: string): Set<string> {
  const names = new Set(world.systemSymbols);
  const seen = new Set<string>();
  const visit = (name: string): void => {
    const facts = world.images.get(name);
    if (facts === undefined || seen.has(name) || !facts.elf.ok) return;
    seen.add(name);
    for (const s of facts.elf.elf.symbols.defined.keys()) names.add(s);
    for (const needed of facts.elf.elf.dynamic?.needed ?? []) {
      const dep = world.byFileName.get(needed);
      if (dep !== undefined) visit(dep);
    }
  };
  visit(image);
  return names;
}

/** Whether relocating `facts` may fail: a strong reference nothing in its own closure defines. */
function mayFail(world: World, facts: ImageFacts): boolean {
  if (!facts.elf.ok) return false;
  const defined = closureDefines(world, facts.name);
  return facts.elf.elf.symbols.undefined.some((u) => !u.weak && !defined.has(u.name));
}

/** How dlmem must treat an image: "bad" (rejected), "either" (rejected or loaded), "late" (also after premap), "good". */
function imageKind(facts: ImageFacts): string {
  if (!facts.elf.ok) return facts.elf.defect.kind === 'not-dyn' || CLAUSE_FACTS[facts.elf.defect.clause].status === 'normative' ? 'bad' : 'either';
  return facts.elf.elf.isPie || facts.elf.elf.stackExec === true ? 'late' : 'good';
}

/** The form of a norelocate profile. */
function formOf(world: World): string {
  if (world.profile.has('noreloc.dlrelocate.v1-base')) return 'v1';
  return world.profile.has('noreloc.trigger.branch-operations') ? 'branch' : 'v2';
}

const byWorld = new WeakMap<World, Map<TraceModule, ReadonlyMap<string, Value>>>();

/** The constants that depend on the world alone, computed once per world. */
function worldConstants(world: World, module: TraceModule): ReadonlyMap<string, Value> {
  let forWorld = byWorld.get(world);
  if (forWorld === undefined) { forWorld = new Map(); byWorld.set(world, forWorld); }
  let known = forWorld.get(module);
  if (known === undefined) { known = fixtureConstants(world, module); forWorld.set(module, known); }
  return known;
}

/** The constants of `module` for traces in `world` whose calls have `labels`. */
export function traceConstants(world: World, module: TraceModule, labels: readonly Label[]): Map<string, Value> {
  const used = (action: string, pick: (args: readonly Value[]) => Value = (args) => args[0] as Value): Value =>
    setOf(labels.filter((l) => l.action === action).map((l) => pick(l.args)));
  const field = (name: string) => (args: readonly Value[]): Value => (args[0] as TFun).at(name) as Value;
  const fields = (...names: string[]) => (args: readonly Value[]): Value => recordOf(Object.fromEntries(names.map((n) => [n, field(n)(args)])));
  const constants = new Map(worldConstants(world, module));
  constants.set('Queries', setOf(labels.flatMap((l) => (QUERIES[l.action] === undefined ? [] : [QUERIES[l.action] as string]))));
  constants.set('MemoryCalls', used('CallerMemory'));
  constants.set('OpenCalls', used('Dlopen'));
  constants.set('Requests', used('Dlinfo', (args) => args[1] as Value));
  if (module === 'Dlmem') {
    constants.set('DlmemCalls', used('Dlmem'));
    constants.set('FileCalls', used('DlmemFile'));
  } else {
    constants.set('Bases', used('Dlrelocate', field('base')));
    constants.set('CopyCalls', used('CopyObject', fields('r', 'fits')));
    constants.set('SetbaseCalls', used('DlsetObjectBase', fields('r', 'off', 'zero')));
  }
  return constants;
}

/** The constants the fixtures and the profile give. */
function fixtureConstants(world: World, module: TraceModule): Map<string, Value> {
  const images = [...world.images.values()];
  const byImage = (f: (facts: ImageFacts) => Value): Value => funOf(images.map((i) => [i.name, f(i)]));
  const constants = new Map<string, Value>([
    ['Images', setOf(images.map((i) => i.name))],
    ['FileName', byImage((i) => i.fileName)],
    ['Soname', byImage((i) => sonameOf(world, i.name) ?? '')],
    ['Needed', byImage((i) => seqOf(i.elf.ok ? i.elf.elf.dynamic?.needed ?? [] : []))],
    ['SystemLibs', setOf([...world.systemLibs])],
    ['CtorImages', setOf(images.filter((i) => i.reportsCtor).map((i) => i.name))],
    ['DtorImages', setOf(images.filter((i) => i.reportsDtor).map((i) => i.name))],
    ['Unresolved', setOf(images.filter((i) => mayFail(world, i)).map((i) => i.name))],
    ['KnownModes', setOf(['NOLOAD', 'NODELETE', 'GLOBAL', ...(module === 'Norelocate' ? ['NORELOCATE'] : [])])],
    ['MaxObjects', 1_000_000],
    ['UseRets', setOf(['int', 'nonzero', 'none', 'any', 'null'])],
  ]);
  if (module === 'Dlmem') {
    constants.set('ImageKind', byImage(imageKind));
    constants.set('Genbuf', world.profile.has('dlmem.args.unaligned-genbuf'));
  } else {
    constants.set('Form', formOf(world));
  }
  return constants;
}
