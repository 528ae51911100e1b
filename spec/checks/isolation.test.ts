import { describe, expect, it } from 'vitest';
import { clausesOf } from '../registry/types.js';
import { isolationCheck } from './isolation.js';
import { loadFixture } from './testing.js';

describe('ISOLATION', () => {
  it('flags a dlmem clause judged through one source kind, and a clause judged only behind an open spot', async () => {
    const ctx = await loadFixture('good');
    const j = ctx.judgement;
    if (j === undefined) throw new Error('the good fixture has a judgement');
    const judged = clausesOf(ctx.registry).filter((c) => c.status === 'normative' && c.observable && j.judged.has(c.id));
    const dlmem = judged.find((c) => c.id.startsWith('dlmem.'));
    const other = judged.find((c) => !c.id.startsWith('dlmem.'));
    if (dlmem === undefined || other === undefined) throw new Error('the good fixture judges a dlmem clause and another one');
    const alone = new Set([...j.judged].filter((id) => id !== other.id));
    const isolated = { ...ctx, judgement: { ...j, sources: new Map([[dlmem.id, new Set(['file-r'])]]), alone } };
    expect(isolationCheck.run(isolated).map((p) => p.message).sort()).toEqual([
      `${dlmem.id} is judged only through one kind of source buffer (file-r): give a case that judges it dimensions: { source: all }`,
      `${other.id} is judged only after a step whose outcome another clause leaves open: add a case that reaches it through specified outcomes`,
    ].sort());
    const fine = { ...ctx, judgement: { ...j, sources: new Map([[dlmem.id, new Set(['file-r', 'heap'])]]), alone: j.judged } };
    expect(isolationCheck.run(fine)).toEqual([]);
  });

  it('judges nothing without the source and path data of judged coverage', async () => {
    expect(isolationCheck.run(await loadFixture('good'))).toEqual([]);
  });
});
