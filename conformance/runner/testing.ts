/**
 * Test support for the runner: tiny case files, and a script that uses every call type in a way
 * the host glibc driver accepts under the memfd compat layer.
 *
 * @module
 */

/** Case files by path below conformance/cases. */
export const CASES: Readonly<Record<string, string>> = {
  't/plain.case.yaml': `id: t/plain
description: dlopen plain, find ref1 and call it
clauses: [base.dlopen.ctors-before-return, base.dlsym.found]
features: [baseline]
profiles: [dlmem-v9, norelocate-v2]
steps:
  - dlopen: { as: h, file: plain, mode: [RTLD_NOW] }
  - dlsym: { as: s, handle: h, symbol: ref1 }
  - call: { as: r, symbol: s }
  - dlclose: { handle: h }
`,
  't/truncated.case.yaml': `id: t/truncated
description: dlopen of an image cut in its last PT_LOAD
clauses: [dlmem.elf.truncated]
features: [baseline]
profiles: [dlmem-v9]
steps:
  - dlopen: { as: h, file: truncated-load, mode: [RTLD_NOW] }
`,
  't/offset.case.yaml': `id: t/offset
description: dlopen_with_offset at an offset no container has
clauses: [dlopen-offset.def.aligned]
features: [dlmem]
profiles: [dlmem-v9]
steps:
  - dlopen-with-offset: { as: h, container: plain, offset: 100, length: image, mode: [RTLD_NOW] }
`,
  't/bad.case.yaml': `id: t/bad
description: a malformed case
clauses: [no.such.clause]
profiles: [dlmem-v9]
steps: []
`,
};

/** Every call type, in an order the driver runs without a driver error (the proposals' calls answer unsupported or run through memfd). */
export const ALL_CALLS: readonly unknown[] = [
  { 'mmap-file': { as: 'src', file: { image: 'plain' }, prot: 'r--', shared: false } },
  { memfd: { as: 'mf', content: { image: 'ctor' }, prot: 'rw-' } },
  { malloc: { as: 'hp', content: { image: 'plain' }, misalign: 16 } },
  { 'mmap-anon': { as: 'an', length: 8192, prot: 'rw-', shared: false } },
  { 'copy-in': { region: 'an', content: { junk: 100 }, offset: 0 } },
  { memmove: { region: 'an', shift: 16 } },
  { mprotect: { region: 'an', prot: 'r--' } },
  { dlopen: { as: 'h', file: 'plain', mode: ['RTLD_NOW'] } },
  { dlsym: { as: 's', handle: 'h', symbol: 'ref1' } },
  { call: { as: 'r', symbol: 's' } },
  { dlsym: { as: 'b', handle: 'RTLD_DEFAULT', symbol: 'bar' } },
  { 'write-data': { symbol: 'b', value: 7 } },
  { 'read-data': { as: 'v', symbol: 'b' } },
  { dladdr: { as: 'i', address: { symbol: 's' } } },
  { dladdr: { address: { region: 'an', offset: 8 } } },
  { dlinfo: { as: 'ns', handle: 'h', request: 'RTLD_DI_LMID' } },
  { dlinfo: { handle: 'h', request: 'RTLD_DI_LINKMAP' } },
  { dlinfo: { handle: 'h', request: 'RTLD_DI_ORIGIN' } },
  { dlmopen: { as: 'n2', nsid: { var: 'ns' }, file: 'chain-c', mode: ['RTLD_NOW'] } },
  { dlmem: { as: 'm', buffer: { region: 'src' }, size: 'image', mode: ['RTLD_NOW'], args: { nsid: 'LM_ID_NEWLM', premap: 'anon' } } },
  { fdlopen: { as: 'f', file: { image: 'plain' }, mode: ['RTLD_NOW'] } },
  { 'dlopen-with-offset': { as: 'o', container: 'plain', offset: 4096, length: 'image', mode: ['RTLD_NOW'] } },
  { dlrelocate: { handle: 'h' } },
  { 'dlset-object-base': { handle: 'h', base: null } },
  { dlinfo: { as: 'mi', handle: 'h', request: 'RTLD_DI_MAPINFO' } },
  { 'copy-object': { handle: 'h', to: 'an' } },
  { dlerror: {} },
  { dlclose: { handle: 'h' } },
  { munmap: { region: 'an' } },
];
