/**
 * The checks of `npm run spec:check`, in the order they run and print.
 *
 * @module
 */
import { citationsCheck } from './citations.js';
import { casesCoverageCheck, judgedCoverageCheck, modelCoverageCheck } from './coverage-gate.js';
import { isolationCheck } from './isolation.js';
import { registryCheck } from './registry.js';
import { sourcesCheck } from './sources.js';
import { specFreshCheck } from './spec-fresh.js';
import { tlaCheckCheck } from './tla-check.js';
import { tlaParseCheck } from './tla-parse.js';
import { tlaTagsCheck } from './tla-tags.js';
import type { Check } from './types.js';

/** Every spec check. */
export const CHECKS: readonly Check[] = [
  registryCheck, sourcesCheck, specFreshCheck, citationsCheck, tlaParseCheck, tlaTagsCheck, tlaCheckCheck, modelCoverageCheck, casesCoverageCheck,
  judgedCoverageCheck, isolationCheck,
];
