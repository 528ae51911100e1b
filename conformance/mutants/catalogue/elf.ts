/**
 * Mutants departing in the ELF checks of dlmem (mutants-elf.c).
 *
 * @module
 */
import type { Mutant } from '../catalogue.js';

/** The mutants of `mutants-elf.c`, in its table's order. */
export const MUTANTS_ELF: readonly Mutant[] = [
  { id: 'elf-phdr-table', clause: 'dlmem.elf.dlopen-equivalence', base: 'dlmem', does: 'refuses an image with more than 9 program headers (a fixed-size table), which dlopen of the same file loads' },
  { id: 'elf-crashes-no-dynamic', clause: 'dlmem.elf.no-crash', base: 'dlmem', does: 'raises SIGSEGV on an image with PT_LOADs but no PT_DYNAMIC, as a loader following the missing dynamic section would' },
  { id: 'elf-magic-three-bytes', clause: 'dlmem.elf.bad-magic', base: 'dlmem', does: 'checks only the first three bytes of the ELF magic, loading an image whose magic is "\\x7fELX"' },
  { id: 'elf-ignores-class', clause: 'dlmem.elf.wrong-class', base: 'dlmem', does: 'ignores EI_CLASS, loading an ELFCLASS32-marked image as ELFCLASS64' },
  { id: 'elf-ignores-machine', clause: 'dlmem.elf.wrong-machine', base: 'dlmem', does: 'ignores e_machine, loading an image for another machine as one for its own' },
  { id: 'elf-accepts-truncated', clause: 'dlmem.elf.truncated', base: 'dlmem', does: 'returns the program\'s handle for an image whose program headers end past size instead of failing' },
  { id: 'elf-accepts-no-load', clause: 'dlmem.elf.no-load', base: 'dlmem', does: 'returns the program\'s handle for an image with no PT_LOAD instead of failing' },
  { id: 'elf-clamps-memsz', clause: 'dlmem.elf.absurd-size', base: 'dlmem', does: 'clamps a p_memsz larger than the address space to p_filesz and loads the image' },
  { id: 'elf-zero-tls', clause: 'dlmem.elf.tls', base: 'dlmem', does: 'leaves the loading thread\'s copy of the TLS block zero instead of initialised from the image' },
  { id: 'elf-needs-gnu-hash', clause: 'dlmem.elf.hash-and-versions', base: 'dlmem', does: 'refuses an image that has only a SysV DT_HASH table' },
];
