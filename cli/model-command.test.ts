import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { printModelBench } from './bench-command.js';
import { runModelCommand } from './model-command.js';

const examples = fileURLToPath(new URL('../model/examples/', import.meta.url));

function run(path: string, profile?: string): { lines: string[]; code: number } {
  const lines: string[] = [];
  const code = runModelCommand(path, profile, (line) => lines.push(line));
  return { lines, code };
}

function script(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'dlspec-model-')), 'script.yaml');
  writeFileSync(path, text);
  return path;
}

describe('dlspec model', () => {
  it('prints every step of the tst-noreloc example with its outcomes and clauses', () => {
    const { lines, code } = run(join(examples, 'tst-noreloc.yaml'));
    expect(code).toBe(0);
    expect(lines[0]).toBe('step 1  h = dlopen("ctor", RTLD_NOW|RTLD_NORELOCATE)');
    expect(lines.filter((l) => l.startsWith('step ')).length).toBe(8);
    // The example runs as the branch: -1 on an object already relocated, the reason left to dlerror().
    expect(lines.join('\n')).toMatch(/dlrelocate\(h\)\n {2}- -1 · dlerror unspecified · specified\n {6}clauses: noreloc\.dlrelocate\.already-branch/);
    expect(lines.join('\n')).toMatch(/noreloc\.defer\.deps-deferred/);
  });

  it('says a call is unsupported outside its proposal', () => {
    const { lines } = run(script('- dlrelocate: { handle: h }\n'), 'dlmem-v9');
    expect(lines).toContain('  unsupported: dlrelocate is not part of profile dlmem-v9');
  });

  it('rejects a bad script or profile with a message naming the step', () => {
    expect(run(script('- nosuchcall: {}\n'), 'dlmem-v9')).toEqual({ lines: [expect.stringMatching(/step 1: unknown call type "nosuchcall"$/)], code: 1 });
    expect(run(script('- dlerror: {}\n'), 'dlmem-v7').code).toBe(1);
    expect(run('/nonexistent/script.yaml', 'dlmem-v9').lines[0]).toMatch(/cannot read/);
  });

  it('names a script error (a fixture the sample world lacks) instead of throwing', () => {
    const path = script('- dlopen: { as: h, file: chain-a, mode: [RTLD_NOW] }\n');
    expect(run(path, 'dlmem-v9')).toEqual({ lines: [`${path}: script error: no fixture image 'chain-a'`], code: 1 });
  });
});

describe('dlspec bench', () => {
  it('prints one row per model scenario, each marked against the target but the reference', () => {
    const lines: string[] = [];
    printModelBench((l) => lines.push(l), 5);
    expect(lines.filter((l) => /^reference \(dlerror\) +\d+ +\d+ +[\d,]+ +[\d,]+ +\(reference\)$/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /^(tst-noreloc|tst-dlmem-extfns|baseline) +\d+ +\d+ +[\d,]+ +[\d,]+ +(met|MISSED)$/.test(l))).toHaveLength(3);
  });
});
