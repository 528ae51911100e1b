import { beforeAll, describe, expect, it } from 'vitest';
import { env, extent, fx, lines, lower, setUpLowering, steps } from './testing.js';
import { lowerCase } from './lower.js';

beforeAll(setUpLowering, 120_000);

describe('lowerCase: memory operations', () => {
  it('maps files, anonymous memory, memfds and heap buffers', () => {
    expect(lines([
      { 'mmap-file': { as: 'src', file: { image: 'plain' }, prot: 'r--', shared: false } },
      { 'mmap-file': { as: 'c', file: { container: 'plain', at: 4096 }, offset: 4096, prot: 'r-x', shared: true } },
      { 'mmap-anon': { as: 'a', length: 8192, prot: 'rw-', shared: true, below4g: true } },
      { 'mmap-anon': { as: 'i', length: 'image', image: 'plain', prot: 'rw-', shared: false } },
      { 'mmap-anon': { as: 'e', length: 'extent', image: 'align64k', prot: 'rw-', shared: false } },
      { memfd: { as: 'm', content: { image: 'ctor' }, prot: 'rw-' } },
      { malloc: { as: 'h', content: { container: 'plain', at: 512 }, misalign: 16 } },
    ])).toEqual([
      `mmap-file as=src path=${fx('plain').path} prot=r-- shared=0`,
      `mmap-file as=c path=${fx('container-4096').path} offset=4096 prot=r-x shared=1`,
      'mmap-anon as=a length=8192 prot=rw- shared=1 below4g=1',
      `mmap-anon as=i length=${fx('plain').size} prot=rw- shared=0`,
      `mmap-anon as=e length=${extent('align64k', 4096)} prot=rw- shared=0`,
      `memfd as=m path=${fx('ctor').path} prot=rw-`,
      `malloc as=h path=${fx('container-512').path} misalign=16`,
    ]);
  });

  it('writes junk contents beside the case and refers to them relatively', () => {
    const r = lower([{ memfd: { as: 'j', content: { junk: 100 }, prot: 'r--' } }, { 'copy-in': { region: 'j', content: { junk: 100 }, offset: 0 } }]);
    if ('error' in r) throw new Error(r.error);
    expect(r.text).toBe('# dlspec case t/case\nmemfd as=j path=./junk-100.bin prot=r--\ncopy-in region=j path=./junk-100.bin offset=0\n');
    expect(r.files).toHaveLength(1);
    expect(r.files[0]?.bytes.length).toBe(100);
    expect(r.files[0]?.bytes[0]).toBe(0);
  });

  it('lowers mprotect, memmove, munmap and copy-object', () => {
    expect(lines([
      { 'mmap-anon': { as: 'a', length: 4096, prot: 'rw-', shared: false } },
      { mprotect: { region: 'a', prot: '---' } },
      { memmove: { region: 'a', shift: -16 } },
      { 'copy-object': { handle: 'h', to: 'a' } },
      { munmap: { region: 'a' } },
    ]).slice(1)).toEqual(['mprotect region=a prot=---', 'memmove region=a shift=-16', 'copy-object handle=h to=a', 'munmap region=a']);
  });

  it('measures the extent with the page size it is given', () => {
    const r = lowerCase({ id: 'x', steps: steps([{ 'mmap-anon': { as: 'e', length: 'extent', image: 'plain', prot: 'rw-', shared: false } }]) }, env.set, env.world, 65536);
    expect('text' in r && r.text).toContain(`length=${extent('plain', 65536)}`);
    expect(extent('plain', 65536)).toBe(65536);
  });
});
