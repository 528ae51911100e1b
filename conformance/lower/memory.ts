/**
 * Lowering the caller's memory operations (mmap-file, mmap-anon, memfd, malloc, copy-in,
 * mprotect, memmove, munmap, copy-object) to driver lines, keeping track of what each region
 * holds so that a later `size: image` knows the image's length.
 *
 * @module
 */
import { extentOf } from '../../model/layout/index.js';
import type { MemoryCall } from '../../model/types/calls.js';
import type { LowerContext } from './context.js';
import { line, protText } from './values.js';

/** The byte length `mmap-anon` asks for: a number, or an image's length or loaded extent. */
function anonLength(call: Extract<MemoryCall, { type: 'mmap-anon' }>, ctx: LowerContext): number {
  if (typeof call.length === 'number') return call.length;
  if (call.image === undefined) return ctx.fail(`length '${call.length}' needs an image`, 0);
  if (call.length === 'image') return ctx.imageLength(call.image);
  const facts = ctx.world.images.get(call.image);
  if (facts === undefined) return ctx.fail(`no fixture named '${call.image}'`, 0);
  if (!facts.elf.ok) return ctx.fail(`fixture '${call.image}' is not a loadable ELF image: it has no extent`, 0);
  return extentOf(facts.elf.elf, ctx.pageSize).length;
}

/** One memory call as a driver line; updates the context's regions. */
export function lowerMemory(call: MemoryCall, ctx: LowerContext): string {
  const regions = ctx.regions;
  switch (call.type) {
    case 'mmap-file': {
      const file = ctx.contentFile(call.file);
      const offset = call.offset ?? 0;
      regions.set(call.as, { length: Math.max(0, file.size - offset), content: call.file, contentAt: -offset });
      return line('mmap-file', [['as', ctx.slot(call.as)], ['path', file.path], ['offset', call.offset],
        ['prot', protText(call.prot)], ['shared', call.shared]]);
    }
    case 'mmap-anon': {
      const length = anonLength(call, ctx);
      regions.set(call.as, { length, content: null, contentAt: 0 });
      return line('mmap-anon', [['as', ctx.slot(call.as)], ['length', length], ['prot', protText(call.prot)],
        ['shared', call.shared], ['below4g', call.below4g]]);
    }
    case 'memfd': {
      const file = ctx.contentFile(call.content);
      regions.set(call.as, { length: file.size, content: call.content, contentAt: 0 });
      return line('memfd', [['as', ctx.slot(call.as)], ['path', file.path], ['prot', protText(call.prot)]]);
    }
    case 'malloc': {
      const file = ctx.contentFile(call.content);
      regions.set(call.as, { length: file.size, content: call.content, contentAt: 0 });
      return line('malloc', [['as', ctx.slot(call.as)], ['path', file.path], ['misalign', call.misalign]]);
    }
    case 'copy-in': {
      const file = ctx.contentFile(call.content);
      const old = regions.get(call.region);
      regions.set(call.region, { length: old?.length, content: call.content, contentAt: call.offset ?? 0 });
      return line('copy-in', [['region', ctx.slot(call.region)], ['path', file.path], ['offset', call.offset]]);
    }
    case 'mprotect':
      return line('mprotect', [['region', ctx.slot(call.region)], ['prot', protText(call.prot)]]);
    case 'memmove': {
      const old = regions.get(call.region);
      if (old !== undefined) regions.set(call.region, { ...old, contentAt: old.contentAt + call.shift });
      return line('memmove', [['region', ctx.slot(call.region)], ['shift', call.shift]]);
    }
    case 'munmap':
      return line('munmap', [['region', ctx.slot(call.region)]]);
    case 'copy-object': {
      const old = regions.get(call.to);
      regions.set(call.to, { length: old?.length, content: null, contentAt: 0 });
      return line('copy-object', [['handle', ctx.slot(call.handle)], ['to', ctx.slot(call.to)]]);
    }
  }
}
