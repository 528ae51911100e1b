import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureRoot } from '../checks/testing.js';
import { loadRegistry } from '../registry/load.js';
import { clausesOf } from '../registry/types.js';
import { readPreamble } from './gen.js';
import { DEFAULT_PREAMBLE, renderSpec } from './render-spec.js';

const root = fixtureRoot('good');
const { registry } = loadRegistry(root);
const spec = renderSpec(registry, readPreamble(root));

describe('renderSpec', () => {
  it('is reproducible and matches the committed fixture SPEC.md', () => {
    expect(renderSpec(registry, readPreamble(root))).toBe(spec);
    expect(spec).toBe(readFileSync(join(root, 'SPEC.md'), 'utf8'));
  });

  it('starts with the preamble verbatim, or a built-in heading without one', () => {
    expect(spec).toMatch(/^# Fixture spec\n\nA small registry for the spec-check tests\.\n\n<!-- Generated/);
    expect(renderSpec(registry, undefined).startsWith(`${DEFAULT_PREAMBLE}\n\n`)).toBe(true);
  });

  it('has one numbered heading per chapter and one anchor per clause', () => {
    expect(spec.match(/^## <a id="ch-[a-z-]+"><\/a>\d+\. /gm)).toHaveLength(4);
    for (const clause of clausesOf(registry)) expect(spec).toContain(`<a id="${clause.id}"></a>`);
  });

  it('tells where a chapter is in force', () => {
    expect(spec).toContain('_Proposal:_ baseline · _in force in:_ every profile');
    expect(spec).toContain('_Proposal:_ fdlopen · _in force in:_ mem-a, mem-b');
  });

  it('has the profile, status, weak-source and change-log appendices', () => {
    expect(spec).toContain('| `mem-a` | dlmem | Memory loading, first cut | 7 |');
    expect(spec).toContain('| `move-a` | norelocate | Deferred relocation | 3 |');
    expect(spec).toContain('| normative | 6 |');
    expect(spec).toContain('| **Total** | 9 |\n');
    expect(spec).toMatch(/Appendix C\. Weakly sourced normative clauses[^]*\| \[`dlmem\.[a-z.]+`\]\(#dlmem\.[a-z.]+\) \| mem-b \| stsp\/glibc branch `dlmem` at 497e6026ed, `dlfcn\/dlfcn.h` \|/);
    expect(spec).toMatch(/Appendix D\. Change log[^]*_None\._\n$/);
  });
});
