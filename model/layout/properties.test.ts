import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readElf } from '../elf/index.js';
import { buildElf } from '../elf/testing/build.js';
import { extentOf } from './extent.js';
import { matchMaps } from './match.js';
import { predictLayout } from './predict.js';
import { simulateMaps } from './testing/simulate.js';

const segment = fc
  .record({
    flags: fc.integer({ min: 4, max: 7 }),
    filesz: fc.nat(0x3000),
    extra: fc.nat(0x5000),
    gapPages: fc.nat(3),
    pageOffset: fc.nat(0xfff),
  })
  .map(({ extra, ...s }) => ({ ...s, memsz: s.filesz + extra }));

const spec = fc.record({
  segments: fc.array(segment, { minLength: 1, maxLength: 6 }),
  relro: fc.option(fc.record({ segment: fc.nat(6), memsz: fc.nat(0x6000) }), { nil: undefined }),
});

describe('predictLayout on random valid images', () => {
  it('tiles the extent with page-aligned, ordered entries that cover every segment page', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const result = readElf(buildElf(s).bytes);
        if (!result.ok) return; // a random page offset may make segments overlap: nothing to lay out
        const { elf } = result;
        const entries = predictLayout(elf);
        const extent = extentOf(elf);
        let at = entries[0]?.start ?? 0;
        for (const entry of entries) {
          expect(entry.start % 4096 + (entry.end % 4096)).toBe(0);
          expect(entry.start).toBe(at);
          expect(entry.end).toBeGreaterThan(entry.start);
          at = entry.end;
        }
        expect(entries[0]?.start).toBe(extent.start);
        expect(at).toBeLessThanOrEqual(extent.start + extent.length);
        elf.loads.forEach((load, index) => {
          for (let page = Math.floor(load.p_vaddr / 4096) * 4096; page < load.p_vaddr + load.p_memsz; page += 4096) {
            const owner = entries.find((e) => e.start <= page && page < e.end);
            expect(owner?.kind === 'segment' && owner.segment >= index).toBe(true);
          }
        });
        expect(matchMaps(entries, simulateMaps(entries, 0x7f0000000000), 0x7f0000000000, { backing: 'file' })).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
