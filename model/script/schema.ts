/**
 * The schema of a script step: for every call type, its keys (required or optional) and the
 * values each accepts, written against the `Call` union of model/types/calls.ts. The compiler
 * holds the two together: {@link SCHEMA} must give every call type exactly the keys of its
 * variant, with the same optionality, and every shape must produce exactly the declared type,
 * so a name lists such as {@link MODE_FLAGS} must hold every member of its union and no other.
 *
 * @module
 */
import type {
  BufferRef, CallOf, CallType, Content, DlmemArgs, DlmemFlag, Mode, ModeFlag, NsRef, PremapBehaviour, Prot,
} from '../types/calls.js';
import {
  alt, bool, type FieldsOf, int, list, named, nullable, oneOf, opt, type Parsed, record, refine, req, type Shape, str, tagged,
} from './shape.js';

/** Every dlopen mode flag name. */
export const MODE_FLAGS = [
  'RTLD_LAZY', 'RTLD_NOW', 'RTLD_GLOBAL', 'RTLD_LOCAL', 'RTLD_NODELETE', 'RTLD_NOLOAD', 'RTLD_DEEPBIND', 'RTLD_NORELOCATE',
] as const;

/** Every dlmem flag name. */
export const DLMEM_FLAGS = ['DLMEM_DONTREPLACE', 'DLMEM_GENBUF_SRC'] as const;

/** Every premap behaviour name. */
export const PREMAP_BEHAVIOURS = [
  'anon', 'memfd-shared', 'map32bit', 'map-failed', 'null', 'misaligned', 'short', 'reentrant-dlopen',
] as const;

/** Every dlinfo request a script can name (any other request is given as a number). */
export const DLINFO_REQUESTS = ['RTLD_DI_LINKMAP', 'RTLD_DI_LMID', 'RTLD_DI_ORIGIN', 'RTLD_DI_MAPINFO', 'RTLD_DI_DEPLIST'] as const;

/** `"rw-"` style protections to a Prot. */
export function parseProt(text: string): Prot | undefined {
  if (!/^[r-][w-][x-]$/.test(text)) return undefined;
  return { r: text[0] === 'r', w: text[1] === 'w', x: text[2] === 'x' };
}

const prot: Shape<Prot> = alt(
  refine(str, 'a protection like "rw-"', parseProt),
  record<Prot>({ r: req(bool), w: req(bool), x: req(bool) }),
);

const modeFlag: Shape<ModeFlag> = oneOf(MODE_FLAGS);
const modeFlags = named(list(modeFlag), 'a list of RTLD_* flags');
const mode: Shape<Mode> = alt(
  refine(modeFlags, modeFlags.expected, (flags): Mode => ({ flags })),
  record<Mode>({ flags: req(modeFlags), extraBits: opt(int) }),
);

const content: Shape<Content> = tagged({
  image: record<Extract<Content, { image: unknown }>>({ image: req(str) }),
  container: record<Extract<Content, { container: unknown }>>({ container: req(str), at: req(int) }),
  junk: record<Extract<Content, { junk: unknown }>>({ junk: req(int) }),
});

const bufferRef: Shape<BufferRef> = record<BufferRef>({ region: req(str), offset: opt(int) });

const nsRef: Shape<NsRef> = alt(
  oneOf(['LM_ID_BASE', 'LM_ID_NEWLM']),
  tagged({
    var: record<Extract<NsRef, { var: unknown }>>({ var: req(str) }),
    raw: record<Extract<NsRef, { raw: unknown }>>({ raw: req(int) }),
  }),
);

const premap: Shape<PremapBehaviour> = named(
  oneOf(PREMAP_BEHAVIOURS), `one of ${PREMAP_BEHAVIOURS.join(', ')} (quote "null" for the premap that returns NULL)`,
);

const dlmemArgs: Shape<DlmemArgs> = record<DlmemArgs>({
  soname: opt(nullable(str)), nsid: opt(nsRef), flags: opt(list<DlmemFlag>(oneOf(DLMEM_FLAGS))),
  extraFlagBits: opt(int), premap: opt(premap),
});

const address: Shape<CallOf<'dladdr'>['address']> = tagged({
  symbol: record<{ readonly symbol: string }>({ symbol: req(str) }),
  region: bufferRef,
});

const as = opt(str);

/** The schema of every call type: its keys, in the order messages list them, and their shapes. */
export const SCHEMA = {
  'mmap-file': { as: req(str), file: req(content), offset: opt(int), prot: req(prot), shared: req(bool) },
  'mmap-anon': {
    as: req(str), length: req(alt(int, oneOf(['image', 'extent']))), image: opt(str), prot: req(prot), shared: req(bool),
    below4g: opt(bool),
  },
  memfd: { as: req(str), content: req(content), prot: req(prot) },
  malloc: { as: req(str), content: req(content), misalign: opt(int) },
  'copy-in': { region: req(str), content: req(content), offset: opt(int) },
  mprotect: { region: req(str), prot: req(prot) },
  memmove: { region: req(str), shift: req(int) },
  munmap: { region: req(str) },
  'copy-object': { handle: req(str), to: req(str) },
  dlopen: { as, file: req(nullable(str)), mode: req(mode) },
  dlmopen: { as, nsid: req(nsRef), file: req(str), mode: req(mode) },
  dlmem: {
    as, buffer: req(nullable(bufferRef)), size: req(alt(int, oneOf(['image', 'region', 'needed']))), mode: req(mode),
    args: req(nullable(dlmemArgs)),
  },
  fdlopen: { as, file: req(content), mode: req(mode) },
  'dlopen-with-offset': {
    as, container: req(str), offset: req(int), length: req(alt(int, oneOf(['image', 'rest']))), mode: req(mode),
  },
  dlsym: { as, handle: req(str), symbol: req(str) },
  dladdr: { as, address: req(address) },
  dlinfo: { as, handle: req(str), request: req(alt(oneOf(DLINFO_REQUESTS), int)) },
  dlrelocate: { handle: req(str), base: opt(str) },
  'dlset-object-base': { handle: req(str), base: req(nullable(bufferRef)) },
  dlclose: { handle: req(str) },
  dlerror: {},
  call: { as, symbol: req(str) },
  'read-data': { as, symbol: req(str), via: opt(str) },
  'write-data': { symbol: req(str), value: req(int) },
} satisfies { readonly [K in CallType]: FieldsOf<CallOf<K>> };

const CALL_SHAPES = Object.fromEntries(
  Object.entries(SCHEMA).map(([type, fields]) => [type, record<object>(fields)]),
) as Readonly<Record<CallType, Shape<object>>>;

/** Whether `type` names a call. */
export function isCallType(type: string): type is CallType {
  return Object.hasOwn(SCHEMA, type);
}

/** Checks the fields of one step against the schema of its call type and builds the call. */
export function parseCall<K extends CallType>(type: K, fields: Readonly<Record<string, unknown>>): Parsed<CallOf<K>> {
  const parsed = CALL_SHAPES[type].parse(fields, '');
  return parsed.ok ? { ok: true, value: { type, ...parsed.value } as CallOf<K> } : parsed;
}
