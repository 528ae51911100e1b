import { describe, expect, it } from 'vitest';
import { buildDriver, buildFixtures, findCompilers } from '../build/index.js';
import { runCase } from './testing.js';

const hasMusl = (await findCompilers()).includes('musl-gcc');

describe.skipIf(!hasMusl)('driver built with musl-gcc, with musl-built fixtures', () => {
  it('dlopens plain and calls ref1', async () => {
    const d = await buildDriver({ cc: 'musl-gcc' });
    const f = await buildFixtures({ cc: 'musl-gcc' });
    if (!d.ok || !f.ok) throw new Error(JSON.stringify([d, f]));
    const plain = f.fixtures.find((x) => x.name === 'plain')?.path ?? '';
    const r = runCase(d.path, `dlopen as=h path=${plain} mode=RTLD_NOW\ndlsym as=s handle=h symbol=ref1\ncall symbol=s\n` +
      `dlmopen nsid=newlm path=${plain} mode=RTLD_NOW\n`);
    expect(r.status).toBe(0);
    expect(r.hello).toMatchObject({ libc: 'musl', apis: { dlmem: false, dlmopen: false } });
    expect(r.steps[2]?.value).toEqual({ int: 42 });
    expect(r.steps[3]?.unsupported).toBe('dlmopen');
  }, 120_000);
});
