import { describe, expect, it } from 'vitest';
import { PF_R, PF_W, PF_X } from '../elf/constants.js';
import { readElf, type ElfImage, type LoadSegment } from '../elf/index.js';
import { buildElf } from '../elf/testing/build.js';
import type { BuildSpec } from '../elf/testing/spec.js';
import { predictLayout } from './predict.js';
import { protString } from './prot.js';
import type { PredictedEntry } from './types.js';

function elfOf(spec: BuildSpec): ElfImage {
  const result = readElf(buildElf(spec).bytes);
  if (!result.ok) throw new Error(result.defect.detail);
  return result.elf;
}

/** Each entry as `start-end before/after backing@offset` (or `gap`). */
const show = (entries: readonly PredictedEntry[]) =>
  entries.map((e) => {
    const range = `${e.start.toString(16)}-${e.end.toString(16)}`;
    if (e.kind === 'gap') return `${range} gap`;
    const offset = e.fileOffset === undefined ? '' : `@${e.fileOffset.toString(16)}`;
    return `${range} ${protString(e.protBefore)}/${protString(e.protAfter)} ${e.backing}${offset} s${e.segment}`;
  });

describe('predictLayout', () => {
  it('maps file pages, then anonymous .bss pages past the page of the last file byte', () => {
    expect(show(predictLayout(elfOf({})))).toEqual([
      '0-1000 r--/r-- file@0 s0',
      '1000-2000 r-x/r-x file@1000 s1',
      '2000-4000 rw-/rw- file@2000 s2', // p_filesz 0x1100: its last page's tail is zeroed in place
      '4000-5000 rw-/rw- anon s2', // p_memsz 0x2300
    ]);
  });

  it('makes whole PT_GNU_RELRO pages read-only after relocation, rounding both ends down', () => {
    expect(show(predictLayout(elfOf({ relro: { segment: 2, memsz: 0x1800 } })))).toEqual([
      '0-1000 r--/r-- file@0 s0',
      '1000-2000 r-x/r-x file@1000 s1',
      '2000-3000 rw-/r-- file@2000 s2',
      '3000-4000 rw-/rw- file@3000 s2',
      '4000-5000 rw-/rw- anon s2',
    ]);
    // Less than a page of RELRO protects nothing.
    expect(predictLayout(elfOf({ relro: { segment: 2, memsz: 0x800 } })).every((e) => e.kind === 'gap' || e.protAfter.w === e.protBefore.w)).toBe(true);
  });

  it('names the gaps between segments', () => {
    const elf = elfOf({
      segments: [
        { flags: PF_R | PF_X, filesz: 0x10, memsz: 0x10, gapPages: 3 },
        { flags: PF_R | PF_W, filesz: 0x10, memsz: 0x3000, gapPages: 1 },
      ],
    });
    expect(show(predictLayout(elf))).toEqual([
      '0-1000 r--/r-- file@0 s0',
      '1000-4000 gap',
      '4000-5000 r-x/r-x file@1000 s1',
      '5000-6000 gap',
      '6000-7000 rw-/rw- file@2000 s2',
      '7000-9000 rw-/rw- anon s2',
    ]);
  });

  it('offsets file pages of a segment that starts inside a page', () => {
    const elf = elfOf({ segments: [{ flags: PF_R | PF_W, filesz: 0x1000, memsz: 0x1000, pageOffset: 0xdd4 }] });
    expect(show(predictLayout(elf))).toEqual(['0-1000 r--/r-- file@0 s0', '1000-3000 rw-/rw- file@1000 s1']);
  });

  it('maps one file page for an empty segment that starts inside a page, as glibc does', () => {
    const loads: LoadSegment[] = [
      { p_offset: 0, p_vaddr: 0, p_filesz: 0x100, p_memsz: 0x100, p_align: 0x1000, p_flags: 4, r: true, w: false, x: false },
      { p_offset: 0x1010, p_vaddr: 0x1010, p_filesz: 0, p_memsz: 0, p_align: 0x1000, p_flags: 6, r: true, w: true, x: false },
    ];
    expect(show(predictLayout({ loads }))).toEqual(['0-1000 r--/r-- file@0 s0', '1000-2000 rw-/rw- file@1000 s1']);
  });

  it('gives a page shared by two segments to the later one', () => {
    const loads: LoadSegment[] = [
      { p_offset: 0, p_vaddr: 0, p_filesz: 0x800, p_memsz: 0x900, p_align: 0x1000, p_flags: 5, r: true, w: false, x: true },
      { p_offset: 0x900, p_vaddr: 0x900, p_filesz: 0x1000, p_memsz: 0x1000, p_align: 0x1000, p_flags: 6, r: true, w: true, x: false },
    ];
    expect(show(predictLayout({ loads }))).toEqual(['0-2000 rw-/rw- file@0 s1']);
  });

  it('honours another page size', () => {
    const entries = predictLayout(elfOf({}), 0x10000);
    expect(entries.every((e) => e.start % 0x10000 === 0 && e.end % 0x10000 === 0)).toBe(true);
  });
});

describe('predictLayout with empty segments', () => {
  it('does not let a segment that maps nothing take over a page', () => {
    const loads: LoadSegment[] = [
      { p_offset: 0, p_vaddr: 0, p_filesz: 0x800, p_memsz: 0x800, p_align: 0x1000, p_flags: 5, r: true, w: false, x: true },
      { p_offset: 0, p_vaddr: 0x1000, p_filesz: 0, p_memsz: 0, p_align: 0x1000, p_flags: 6, r: true, w: true, x: false },
      { p_offset: 0x1000, p_vaddr: 0x3000, p_filesz: 0x10, p_memsz: 0x10, p_align: 0x1000, p_flags: 4, r: true, w: false, x: false },
    ];
    expect(show(predictLayout({ loads }))).toEqual(['0-1000 r-x/r-x file@0 s0', '1000-3000 gap', '3000-4000 r--/r-- file@1000 s2']);
  });
});
