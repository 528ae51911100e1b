/**
 * Case dimensions: the parameters a case is generic over, and its expansion into one variant per
 * combination (test262's rule that a case depends on as little else as it can). A dlmem case
 * written against a read-only private file mapping runs as well from heap memory, a memfd, a
 * shared mapping, a container at an offset, with DLMEM_GENBUF_SRC, … each variant its own result
 * (`dlmem/names-origin[source=heap,genbuf=yes]`), so that one broken source kind on a loader does
 * not hide the case's own clause. The model decides what each variant allows, "this source is not
 * supported in this profile" included.
 *
 * The variant equal to the case as written keeps the case's id; the others list the dimensions
 * whose value differs.
 *
 * @module
 */
import type { BufferRef, Call, CallOf, Content, DlmemArgs, Mode, PremapBehaviour } from '../../model/types/calls.js';
import { SOURCE_KINDS, sourceSteps } from '../../model/script/sources.js';

/** Every value of each dimension. */
export const DIMENSIONS = {
  /** The source of the dlmem image. */
  source: SOURCE_KINDS,
  /** With or without DLMEM_GENBUF_SRC. */
  genbuf: ['no', 'yes'],
  /** The premap behaviour (none: no callback). */
  premap: ['none', 'anon', 'memfd-shared', 'map32bit'],
  /** The binding mode bit. */
  mode: ['now', 'lazy'],
  /** The namespace dlm_args names. */
  namespace: ['base', 'new'],
} as const;

/** A dimension's name. */
export type Dimension = keyof typeof DIMENSIONS;

/** A case's dimensions as declared: each listed value, or every value. */
export type Dimensions = Readonly<Partial<Record<Dimension, readonly string[]>>>;

/** One combination: a value per declared dimension. */
export type Variant = Readonly<Partial<Record<Dimension, string>>>;


/** Parses a case's `dimensions` map; problems are strings naming the key. */
export function parseDimensions(raw: unknown): { readonly dimensions: Dimensions } | { readonly problems: readonly string[] } {
  if (raw === undefined) return { dimensions: {} };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problems: ['dimensions must be a map of dimension to values (or "all")'] };
  const out: Partial<Record<Dimension, readonly string[]>> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in DIMENSIONS)) { problems.push(`dimensions: unknown dimension "${key}" (expected one of ${Object.keys(DIMENSIONS).join(', ')})`); continue; }
    const all: readonly string[] = DIMENSIONS[key as Dimension];
    const values = value === 'all' ? all : Array.isArray(value) ? value : undefined;
    if (values === undefined || values.length === 0) { problems.push(`dimensions.${key} must be "all" or a list of values`); continue; }
    for (const v of values) if (!all.includes(String(v))) problems.push(`dimensions.${key}: "${String(v)}" is not one of ${all.join(', ')}`);
    out[key as Dimension] = values.map(String);
  }
  return problems.length > 0 ? { problems } : { dimensions: out };
}

/** The first dlmem step reading a region, and the step that made that region from a fixture image. */
interface Anchor {
  readonly dlmem: number;
  readonly region: string;
  readonly source: number | undefined;
  readonly image: string | undefined;
}

function anchorOf(steps: readonly Call[]): Anchor | undefined {
  const dlmem = steps.findIndex((s) => s.type === 'dlmem' && s.buffer !== null);
  const call = steps[dlmem];
  if (call?.type !== 'dlmem' || call.buffer === null) return undefined;
  const region = call.buffer.region;
  const source = steps.findIndex((s, i) => i < dlmem && 'as' in s && s.as === region);
  const made = steps[source];
  const content: Content | undefined = made?.type === 'mmap-file' ? made.file : made?.type === 'memfd' || made?.type === 'malloc' ? made.content : undefined;
  const image = content !== undefined && 'image' in content ? content.image : undefined;
  return { dlmem, region, source: source >= 0 ? source : undefined, image };
}

/** What the case as written has for each dimension (undefined when the case cannot vary it). */
export function writtenVariant(steps: readonly Call[]): Variant {
  const a = anchorOf(steps);
  const call = a === undefined ? undefined : steps[a.dlmem];
  if (a === undefined || call?.type !== 'dlmem') return {};
  const made = a.source === undefined ? undefined : steps[a.source];
  const source = made?.type === 'mmap-file' && made.offset === undefined && 'image' in made.file
    ? made.shared ? 'file-shared' : made.prot.w ? 'file-rw' : 'file-r'
    : made?.type === 'memfd' ? 'memfd' : made?.type === 'malloc' && made.misalign === undefined ? 'heap'
      : made?.type === 'mmap-anon' ? (made.shared ? 'anon-shared' : 'anon') : undefined;
  const flags = call.args?.flags ?? [];
  const ns = call.args?.nsid;
  return {
    ...(source === undefined ? {} : { source }),
    genbuf: flags.includes('DLMEM_GENBUF_SRC') ? 'yes' : 'no',
    premap: call.args?.premap ?? 'none',
    mode: call.mode.flags.includes('RTLD_LAZY') ? 'lazy' : 'now',
    namespace: ns === 'LM_ID_NEWLM' ? 'new' : ns === undefined || ns === 'LM_ID_BASE' ? 'base' : 'other',
  };
}

/** How a step uses region `region`: as a dlmem buffer, by unmapping it, in some other way, or not at all. */
function regionUse(step: Call, region: string): 'buffer' | 'munmap' | 'other' | undefined {
  if (step.type === 'dlmem') return step.buffer?.region === region ? 'buffer' : undefined;
  if (step.type === 'munmap') return step.region === region ? 'munmap' : undefined;
  const refs = [
    'region' in step ? step.region : undefined, 'via' in step ? step.via : undefined, 'to' in step ? step.to : undefined,
    step.type === 'dladdr' && 'region' in step.address ? step.address.region : undefined,
    step.type === 'dlset-object-base' ? step.base?.region : undefined,
  ];
  return refs.includes(region) ? 'other' : undefined;
}

function withArgs(call: CallOf<'dlmem'>, patch: (args: DlmemArgs) => DlmemArgs): CallOf<'dlmem'> {
  const args = patch(call.args ?? {});
  return { ...call, args: Object.keys(args).length === 0 ? null : args };
}

/** The dlmem step changed for one dimension value. */
function dlmemFor(call: CallOf<'dlmem'>, dim: Dimension, value: string): CallOf<'dlmem'> {
  switch (dim) {
    case 'source': {
      if (value !== 'container' || call.buffer === null) return call;
      const buffer: BufferRef = { ...call.buffer, offset: 4096 };
      // The region holds junk after the image: `region` would pass it too. A size in bytes stays.
      return { ...call, buffer, size: call.size === 'region' ? 'image' : call.size };
    }
    case 'genbuf': return withArgs(call, (a) => {
      const flags = (a.flags ?? []).filter((f) => f !== 'DLMEM_GENBUF_SRC');
      const next = value === 'yes' ? [...flags, 'DLMEM_GENBUF_SRC' as const] : flags;
      const { flags: _old, ...rest } = a;
      return next.length === 0 ? rest : { ...rest, flags: next };
    });
    case 'premap': return withArgs(call, (a) => {
      const { premap: _old, ...rest } = a;
      return value === 'none' ? rest : { ...rest, premap: value as PremapBehaviour };
    });
    case 'mode': {
      const flags = call.mode.flags.filter((f) => f !== 'RTLD_NOW' && f !== 'RTLD_LAZY');
      const mode: Mode = { ...call.mode, flags: [value === 'lazy' ? 'RTLD_LAZY' : 'RTLD_NOW', ...flags] };
      return { ...call, mode };
    }
    case 'namespace': return withArgs(call, (a) => ({ ...a, nsid: value === 'new' ? 'LM_ID_NEWLM' : 'LM_ID_BASE' }));
  }
}

/** The steps of `variant`, or undefined when the case cannot take it. */
export function variantSteps(steps: readonly Call[], variant: Variant): readonly Call[] | undefined {
  const a = anchorOf(steps);
  if (a === undefined) return undefined;
  const written = writtenVariant(steps);
  let out = [...steps];
  let dlmemAt = a.dlmem;
  for (const [dim, value] of Object.entries(variant) as [Dimension, string][]) {
    if (written[dim] === value) continue;
    if (dim === 'source') {
      if (a.source === undefined || a.image === undefined || written.source === undefined) return undefined;
      // Only a source used as a dlmem buffer (or unmapped) can change kind: a step that reads
      // through it, re-protects or moves it depends on how it was made.
      // Heap memory is freed, never unmapped.
      const other = out.some((s, i) => i > (a.source ?? 0) && (regionUse(s, a.region) === 'other' || (value === 'heap' && regionUse(s, a.region) === 'munmap')));
      if (other) return undefined;
      const replaced = sourceSteps(value, a.region, a.image);
      if (replaced === undefined) return undefined;
      out = [...out.slice(0, a.source), ...replaced, ...out.slice(a.source + 1)];
      dlmemAt += replaced.length - 1;
    }
    if (written[dim] === undefined || written[dim] === 'other') return undefined;
    const call = out[dlmemAt];
    if (call?.type !== 'dlmem') return undefined;
    out[dlmemAt] = dlmemFor(call, dim, value);
  }
  return out;
}

/** Every combination of `dimensions`, in declaration order. */
export function combinations(dimensions: Dimensions): readonly Variant[] {
  let out: Variant[] = [{}];
  for (const [dim, values] of Object.entries(dimensions) as [Dimension, readonly string[]][]) {
    out = out.flatMap((v) => values.map((value) => ({ ...v, [dim]: value })));
  }
  return out;
}

/** The id suffix of `variant`: the dimensions that differ from the case as written (`[source=heap,genbuf=yes]`), or ''. */
export function variantSuffix(steps: readonly Call[], variant: Variant): string {
  const written = writtenVariant(steps);
  const parts = (Object.entries(variant) as [Dimension, string][]).filter(([d, v]) => written[d] !== v).map(([d, v]) => `${d}=${v}`);
  return parts.length === 0 ? '' : `[${parts.join(',')}]`;
}
