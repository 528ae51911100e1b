import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { env, fx, lines, lower, setUpLowering, steps } from './testing.js';
import { lowerCase } from './lower.js';

beforeAll(setUpLowering, 120_000);

describe('lowerCase: loader calls', () => {
  it('lowers dlopen, dlmopen, dlsym, call, read-data, write-data, dladdr, dlclose and dlerror', () => {
    expect(lines([
      { dlopen: { as: 'h', file: 'plain', mode: ['RTLD_NOW', 'RTLD_GLOBAL'] } },
      { dlopen: { as: 'main', file: null, mode: { flags: [], extraBits: 0x80000 } } },
      { dlinfo: { as: 'ns', handle: 'h', request: 'RTLD_DI_LMID' } },
      { dlmopen: { as: 'n', nsid: 'LM_ID_NEWLM', file: 'ctor', mode: ['RTLD_LAZY'] } },
      { dlmopen: { nsid: { var: 'ns' }, file: 'ctor', mode: ['RTLD_NOW'] } },
      { dlmopen: { nsid: { raw: 7 }, file: 'ctor', mode: ['RTLD_NOW'] } },
      { dlsym: { as: 's', handle: 'h', symbol: 'ref1' } },
      { dlsym: { as: 'd', handle: 'RTLD_DEFAULT', symbol: 'bar' } },
      { call: { as: 'r', symbol: 's' } },
      { 'read-data': { symbol: 'd' } },
      { 'write-data': { symbol: 'd', value: -3 } },
      { dladdr: { as: 'i', address: { symbol: 's' } } },
      { dlclose: { handle: 'h' } },
      { dlerror: {} },
    ])).toEqual([
      `dlopen as=h path=${fx('plain').path} mode=RTLD_NOW|RTLD_GLOBAL`,
      'dlopen as=main path=NULL mode=0x80000',
      'dlinfo as=ns handle=h request=lmid',
      `dlmopen as=n nsid=newlm path=${fx('ctor').path} mode=RTLD_LAZY`,
      `dlmopen nsid=slot:ns path=${fx('ctor').path} mode=RTLD_NOW`,
      `dlmopen nsid=7 path=${fx('ctor').path} mode=RTLD_NOW`,
      'dlsym as=s handle=h symbol=ref1',
      'dlsym as=d handle=default symbol=bar',
      'call as=r symbol=s',
      'read-data symbol=d',
      'write-data symbol=d value=-3',
      'dladdr as=i symbol=s',
      'dlclose handle=h',
      'dlerror',
    ]);
  });

  it('lowers dlmem with every argument form and symbolic sizes', () => {
    expect(lines([
      { 'mmap-file': { as: 'src', file: { image: 'ctor' }, prot: 'r--', shared: false } },
      { dlmem: { as: 'a', buffer: { region: 'src' }, size: 'image', mode: ['RTLD_NOW'], args: null } },
      { dlmem: { as: 'b', buffer: { region: 'src', offset: 1 }, size: 'region', mode: ['RTLD_NOW', 'RTLD_NORELOCATE'], args: {} } },
      { dlmem: { buffer: null, size: 'image', mode: [], args: { soname: 'my lib%', nsid: 'LM_ID_NEWLM', flags: ['DLMEM_DONTREPLACE', 'DLMEM_GENBUF_SRC'], extraFlagBits: 8, premap: 'anon' } } },
      { dlmem: { as: 'c', buffer: { region: 'src' }, size: 100, mode: ['RTLD_NOW'], args: { soname: null, nsid: 'LM_ID_BASE' } } },
    ]).slice(1)).toEqual([
      `dlmem as=a buffer=src size=${fx('ctor').size} mode=RTLD_NOW args=null`,
      'dlmem as=b buffer=src offset=1 size=region mode=RTLD_NOW|RTLD_NORELOCATE',
      'dlmem buffer=NULL size=0 mode=0 soname=my%20lib%25 nsid=newlm flags=DLMEM_DONTREPLACE|DLMEM_GENBUF_SRC|0x8 premap=anon',
      'dlmem as=c buffer=src size=100 mode=RTLD_NOW nsid=base',
    ]);
  });

  it('measures size: image as the embedded image of a container, and the region after a move', () => {
    expect(lines([
      { 'mmap-file': { as: 'c', file: { container: 'plain', at: 512 }, prot: 'r--', shared: false } },
      { dlmem: { as: 'h', buffer: { region: 'c', offset: 512 }, size: 'image', mode: ['RTLD_NOW'], args: null } },
      { 'mmap-anon': { as: 'z', length: 4096, prot: 'rw-', shared: false } },
      { dlmem: { buffer: { region: 'z' }, size: 'image', mode: ['RTLD_NOW'], args: null } },
    ])).toEqual([
      `mmap-file as=c path=${fx('container-512').path} prot=r-- shared=0`,
      `dlmem as=h buffer=c offset=512 size=${fx('container-512').image?.length} mode=RTLD_NOW args=null`,
      'mmap-anon as=z length=4096 prot=rw- shared=0',
      'dlmem buffer=z size=region mode=RTLD_NOW args=null',
    ]);
  });

  it('lowers fdlopen and dlopen-with-offset to the container files', () => {
    const container = fx('container-4096');
    expect(lines([
      { fdlopen: { as: 'f', file: { image: 'plain' }, mode: ['RTLD_NOW'] } },
      { 'dlopen-with-offset': { as: 'o', container: 'plain', offset: 4096, length: 'image', mode: ['RTLD_NOW'] } },
      { 'dlopen-with-offset': { container: 'plain', offset: 4096, length: 'rest', mode: ['RTLD_NOW'] } },
      { 'dlopen-with-offset': { container: 'plain', offset: 0, length: 100, mode: ['RTLD_NOW'] } },
    ])).toEqual([
      `fdlopen as=f path=${fx('plain').path} mode=RTLD_NOW`,
      `dlopen-with-offset as=o path=${container.path} offset=4096 length=${fx('plain').size} mode=RTLD_NOW`,
      `dlopen-with-offset path=${container.path} offset=4096 length=${container.size - 4096} mode=RTLD_NOW`,
      `dlopen-with-offset path=${fx('plain').path} offset=0 length=100 mode=RTLD_NOW`,
    ]);
  });

  it('lowers the RTLD_NORELOCATE calls, the first proposal\'s dlrelocate included', () => {
    expect(lines([
      { dlinfo: { as: 'mi', handle: 'h', request: 'RTLD_DI_MAPINFO' } },
      { dlinfo: { as: 'dl', handle: 'h', request: 'RTLD_DI_DEPLIST' } },
      { dlinfo: { handle: 'h', request: 'RTLD_DI_ORIGIN' } },
      { dlinfo: { handle: 'h', request: 'RTLD_DI_LINKMAP' } },
      { dlinfo: { handle: 'h', request: 99 } },
      { dlinfo: { handle: 'deps[1]', request: 'RTLD_DI_MAPINFO' } },
      { dlrelocate: { handle: 'h' } },
      { dlrelocate: { handle: 'h', base: 'dst' } },
      { 'dlset-object-base': { handle: 'h', base: { region: 'dst', offset: 4096 } } },
      { 'dlset-object-base': { handle: 'h', base: null } },
      { dladdr: { address: { region: 'dst', offset: 8 } } },
    ])).toEqual([
      'dlinfo as=mi handle=h request=mapinfo', 'dlinfo as=dl handle=h request=deplist', 'dlinfo handle=h request=origin',
      'dlinfo handle=h request=linkmap', 'dlinfo handle=h request=99', 'dlinfo handle=deps.1 request=mapinfo', 'dlrelocate handle=h', 'dlrelocate handle=h base=dst',
      'dlset-object-base handle=h base=dst offset=4096', 'dlset-object-base handle=h base=NULL', 'dladdr region=dst offset=8',
    ]);
  });

  it('renames the model\'s premap regions to the driver\'s slots', () => {
    const example = steps([
      { 'mmap-file': { as: 'src', file: { image: 'plain' }, prot: 'r--', shared: false } },
      { dlmem: { as: 'h', buffer: { region: 'src' }, size: 'region', mode: ['RTLD_NOW'], args: { flags: ['DLMEM_DONTREPLACE'], premap: 'memfd-shared' } } },
      { dlsym: { as: 'bar', handle: 'h', symbol: 'bar' } },
      { 'read-data': { as: 'seen', symbol: 'bar', via: 'premap:1' } },
    ]);
    const r = lowerCase({ id: 'x', steps: example }, env.set, env.world, 4096);
    expect('text' in r && r.text.split('\n')[4]).toBe('read-data as=seen symbol=bar via=h.premap');
  });
});

describe('lowerCase: problems', () => {
  it('names the step and what is missing', () => {
    expect(lower([{ dlopen: { as: 'h', file: 'nosuch', mode: ['RTLD_NOW'] } }])).toEqual({ error: 'step 1 (h = dlopen("nosuch", RTLD_NOW)): no fixture named \'nosuch\'' });
    expect(lower([{ 'dlopen-with-offset': { container: 'plain', offset: 100, length: 'image', mode: ['RTLD_NOW'] } }]))
      .toMatchObject({ error: expect.stringContaining("no container fixture holds 'plain' at byte 100") });
    expect(lower([{ dlsym: { as: 'a b', handle: 'h', symbol: 'x' } }])).toMatchObject({ error: expect.stringContaining('not a driver slot name') });
    expect(lower([{ 'read-data': { symbol: 's', via: 'premap:3' } }])).toMatchObject({ error: expect.stringContaining("region 'premap:3'") });
  });

  it('writes junk the driver can read', () => {
    const r = lower([{ fdlopen: { file: { junk: 64 }, mode: ['RTLD_NOW'] } }]);
    expect('files' in r && r.files.map((f) => f.name)).toEqual(['junk-64.bin']);
    expect(readFileSync(fx('junk').path).length).toBe(4096);
  });
});
