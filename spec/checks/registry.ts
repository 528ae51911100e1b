/**
 * REGISTRY: the clause registry is well formed, and its thread citations point at lines
 * that exist in the seed thread.
 *
 * @module
 */
import { checkThreadCitations } from '../registry/thread.js';
import type { Check } from './types.js';

/** The REGISTRY check. */
export const registryCheck: Check = {
  id: 'REGISTRY',
  description: 'clause and profile files are well formed; their thread citations exist',
  run(ctx) {
    const thread = ctx.thread === undefined ? [] : checkThreadCitations(ctx.registry, ctx.thread);
    return [...ctx.registryProblems, ...thread];
  },
};
