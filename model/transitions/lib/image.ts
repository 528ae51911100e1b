/**
 * Bytes and images: how long a fixture image, a container or a junk blob is, which image (if any)
 * a buffer starts with, and the extent an image occupies once loaded.
 *
 * ## Image lengths
 *
 * The model has no file sizes: the ELF reader keeps what a loader looks at, not how long the file
 * is. Wherever a length comes from an image (a file mapping, `length: 'image'`, `size: 'image'`),
 * the model uses {@link imageBytes}: the end of the last byte the loader must read, that is the
 * largest `p_offset + p_filesz` of the PT_LOADs and at least an ELF header. A real file is longer
 * (section headers follow), so the model's image is a prefix of the file; every comparison the model
 * makes (is `size` at least the image, does `size` stay inside the region) compares two lengths
 * derived from the same stand-in, and "size covers the image" means exactly what
 * dlmem.args.size-bounds and dlmem.elf.truncated need. An image the reader rejects has no PT_LOADs
 * to measure; it counts as one page.
 *
 * A content `{ container: I, at }` is a container file holding image `I` at byte `at` and nothing
 * after it: `at + imageBytes(I)` bytes. `{ junk: n }` is `n` bytes that do not start with an ELF
 * header.
 *
 * A region holds one content starting `contentAt` bytes into it; a negative `contentAt` means the
 * content starts before the region (a file mapped from a non-zero offset keeps the file's content
 * with `contentAt = -offset`).
 *
 * @module
 */
import type { Content } from '../../types/calls.js';
import type { Region } from '../../types/state.js';
import type { ImageFacts, World } from '../../world/world.js';
import { type Extent, extentOf } from '../../layout/index.js';

/** The size of an ELF64 file header: the least `size` dlmem can look at (dlmem.args.size-zero). */
export const ELF_HEADER_SIZE = 64;

/** The facts of a fixture image; a script naming no fixture is a script error, not an outcome. */
export function factsOf(world: World, image: string): ImageFacts {
  const facts = world.images.get(image);
  if (facts === undefined) throw new Error(`script error: no fixture image '${image}'`);
  return facts;
}

/** The bytes the model counts as the image's file: see the module comment. */
export function imageBytes(world: World, image: string): number {
  const facts = factsOf(world, image);
  if (facts.fileSize !== undefined) return facts.fileSize;
  if (!facts.elf.ok) return world.pageSize;
  const end = Math.max(0, ...facts.elf.elf.loads.map((l) => l.p_offset + l.p_filesz));
  return Math.max(ELF_HEADER_SIZE, end);
}

/**
 * The bytes of an image a loader needs: its ELF header, its program header table and every
 * PT_LOAD file range (dlmem.elf.truncated); the rest of the file (section headers, non-allocated
 * sections) is never read. For an image the reader rejects, its whole file.
 */
export function neededBytes(world: World, image: string): number {
  const facts = factsOf(world, image);
  if (!facts.elf.ok) return imageBytes(world, image);
  const { headersEnd, loads } = facts.elf.elf;
  return Math.max(headersEnd, ...loads.map((l) => l.p_offset + l.p_filesz));
}

/**
 * The extent of an image once loaded (model/layout/extent.ts): its page-rounded span (what a move
 * must copy, what a premap mapping holds) and its unrounded map length and alignment (what premap
 * and RTLD_DI_MAPINFO report). An image without PT_LOADs (only reachable through an
 * implementation-defined load of a rejected image) counts one page.
 */
export function imageExtent(world: World, image: string): Extent {
  const facts = factsOf(world, image);
  const page = world.pageSize;
  if (!facts.elf.ok || facts.elf.elf.loads.length === 0) return { start: 0, length: page, mapLength: page, align: page, pageAlign: page };
  return extentOf(facts.elf.elf, page);
}

/** How many bytes a content takes. */
export function contentBytes(world: World, content: Content): number {
  if ('image' in content) return imageBytes(world, content.image);
  if ('container' in content) return content.at + imageBytes(world, content.container);
  return content.junk;
}

/** The image whose ELF header is at `offset` bytes into the region, if any. */
export function imageAt(region: Region, offset: number): string | undefined {
  const content = region.content;
  if (content === null) return undefined;
  if ('image' in content) return offset === region.contentAt ? content.image : undefined;
  if ('container' in content) return offset === region.contentAt + content.at ? content.container : undefined;
  return undefined;
}
