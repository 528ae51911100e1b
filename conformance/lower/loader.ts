/**
 * Lowering the loader's entry points (dlopen … write-data) to driver lines: fixture names become
 * the built files' absolute paths, symbolic sizes become numbers, modes, flags, namespaces and
 * dlinfo requests their driver spellings.
 *
 * @module
 */
import type { BufferRef, LoaderCall } from '../../model/types/calls.js';
import { neededBytes } from '../../model/transitions/lib/image.js';
import type { LowerContext } from './context.js';
import { type Arg, flagsText, line, modeText, nsidText, requestText } from './values.js';

type Dlmem = Extract<LoaderCall, { type: 'dlmem' }>;
type WithOffset = Extract<LoaderCall, { type: 'dlopen-with-offset' }>;

/** `size=` of dlmem: bytes, `region`, or the length (or the needed part) of the image the buffer points at. */
function dlmemSize(call: Dlmem, ctx: LowerContext): number | string {
  if (typeof call.size === 'number') return call.size;
  if (call.buffer === null) return 0; // NULL buffer: the size does not matter, the pointer does
  if (call.size === 'region') return 'region';
  const region = ctx.regions.get(call.buffer.region);
  const offset = call.buffer.offset ?? 0;
  const content = region?.content;
  if (region === undefined || content === null || content === undefined) return 'region';
  const length = (image: string) => (call.size === 'needed' ? neededBytes(ctx.world, image) : ctx.imageLength(image));
  if ('image' in content && offset === region.contentAt) return length(content.image);
  if ('container' in content && offset === region.contentAt + content.at) return length(content.container);
  return 'region'; // no image there: the rest of the region, as the model reads `size: image`
}

/** `dlmem as buffer [offset] size mode [args] [soname] [nsid] [flags] [premap]`. */
function dlmem(call: Dlmem, ctx: LowerContext): string {
  const args: Arg[] = [['as', call.as === undefined ? undefined : ctx.slot(call.as)],
    ['buffer', call.buffer === null ? 'NULL' : ctx.slot(call.buffer.region)], ['offset', call.buffer?.offset],
    ['size', dlmemSize(call, ctx)], ['mode', modeText(call.mode)]];
  if (call.args === null) args.push(['args', 'null']);
  else {
    args.push(['soname', call.args.soname ?? undefined], ['nsid', call.args.nsid === undefined ? undefined : nsidText(call.args.nsid)],
      ['flags', flagsText(call.args)], ['premap', call.args.premap]);
  }
  return line('dlmem', args);
}

/** `dlopen-with-offset as path offset length mode`: the file is the container holding the image there. */
function withOffset(call: WithOffset, ctx: LowerContext): string {
  const file = ctx.container(call.container, call.offset);
  const length = call.length === 'image' ? ctx.imageLength(call.container)
    : call.length === 'rest' ? Math.max(0, (file?.size ?? 0) - call.offset) : call.length;
  return line('dlopen-with-offset', [['as', as(call.as, ctx)], ['path', file?.path ?? ''], ['offset', call.offset],
    ['length', length], ['mode', modeText(call.mode)]]);
}

function as(name: string | undefined, ctx: LowerContext): string | undefined {
  return name === undefined ? undefined : ctx.slot(name);
}

function pointer(ref: BufferRef | null, key: string, ctx: LowerContext): Arg[] {
  return ref === null ? [[key, 'NULL']] : [[key, ctx.slot(ref.region)], ['offset', ref.offset]];
}

/** One loader call as a driver line. */
export function lowerLoader(call: LoaderCall, ctx: LowerContext): string {
  switch (call.type) {
    case 'dlopen':
      return line('dlopen', [['as', as(call.as, ctx)], ['path', call.file === null ? 'NULL' : ctx.fixturePath(call.file)], ['mode', modeText(call.mode)]]);
    case 'dlmopen':
      return line('dlmopen', [['as', as(call.as, ctx)], ['nsid', nsidText(call.nsid)], ['path', ctx.fixturePath(call.file)], ['mode', modeText(call.mode)]]);
    case 'dlmem': return dlmem(call, ctx);
    case 'fdlopen':
      return line('fdlopen', [['as', as(call.as, ctx)], ['path', ctx.contentFile(call.file).path], ['mode', modeText(call.mode)]]);
    case 'dlopen-with-offset': return withOffset(call, ctx);
    case 'dlsym':
      return line('dlsym', [['as', as(call.as, ctx)], ['handle', call.handle === 'RTLD_DEFAULT' ? 'default' : ctx.slot(call.handle)], ['symbol', call.symbol]]);
    case 'dladdr':
      return line('dladdr', [['as', as(call.as, ctx)],
        ...('symbol' in call.address ? [['symbol', ctx.slot(call.address.symbol)] as const] : pointer(call.address, 'region', ctx))]);
    case 'dlinfo':
      return line('dlinfo', [['as', as(call.as, ctx)], ['handle', ctx.slot(call.handle)], ['request', requestText(call.request)]]);
    case 'dlrelocate':
      return line('dlrelocate', [['handle', ctx.slot(call.handle)], ['base', call.base === undefined ? undefined : ctx.slot(call.base)]]);
    case 'dlset-object-base': return line('dlset-object-base', [['handle', ctx.slot(call.handle)], ...pointer(call.base, 'base', ctx)]);
    case 'dlclose': return line('dlclose', [['handle', ctx.slot(call.handle)]]);
    case 'dlerror': return line('dlerror', []);
    case 'call': return line('call', [['as', as(call.as, ctx)], ['symbol', ctx.slot(call.symbol)]]);
    case 'read-data':
      return line('read-data', [['as', as(call.as, ctx)], ['symbol', ctx.slot(call.symbol)], ['via', call.via === undefined ? undefined : ctx.slot(call.via)]]);
    case 'write-data': return line('write-data', [['symbol', ctx.slot(call.symbol)], ['value', call.value]]);
  }
}
