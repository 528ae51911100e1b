#!/usr/bin/env node
// Compiles the TypeScript sources into dist/ (tsc -p tsconfig.build.json) and stamps the build
// with the time it started, so that a source edited meanwhile makes it stale. `--if-stale` builds
// only when some input is newer than the stamp (npm start and npm run bench). Without TypeScript
// installed (a production install) nothing is built and bin/dlspec.js runs the sources via tsx.
import { spawnSync } from 'node:child_process';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { distFresh, ROOT, STAMP } from './freshness.js';

if (process.argv.includes('--if-stale') && distFresh()) process.exit(0);
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  console.error('dlspec build: typescript is not installed; bin/dlspec.js runs the sources through tsx');
  process.exit(0);
}
const started = new Date();
const built = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
mkdirSync(dirname(STAMP), { recursive: true });
writeFileSync(STAMP, `${started.toISOString()}\n`);
utimesSync(STAMP, started, started);
