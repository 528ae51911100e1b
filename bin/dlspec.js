#!/usr/bin/env node
// The dlspec command: the compiled JavaScript in dist/ when it is as new as every TypeScript
// source (npm ci builds it; npm start and npm run bench rebuild it when stale), otherwise the
// sources themselves through tsx, so that an edited source never runs as stale JavaScript.
import { distFresh } from './freshness.js';

if (distFresh()) {
  await import('../dist/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/main.ts');
}
