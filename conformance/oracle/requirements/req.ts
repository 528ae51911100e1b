/**
 * The one way a requirement is made: a check resting on the clauses that bind.
 *
 * @module
 */
import { CLAUSE_FACTS, type ClauseId } from '../../../spec/clause-ids.gen.js';
import type { DivergenceKind } from '../types.js';
import type { Check, Requirement } from './types.js';

/**
 * A requirement resting on `clauses`. A clause that promises nothing (unspecified, open question)
 * cannot be broken, so it is left out, unless nothing else is cited: then the requirement keeps
 * every clause, so that a break is still named.
 */
export const req = (check: Check, clauses: readonly ClauseId[], divergence: DivergenceKind, text: string): Requirement => {
  const binding = clauses.filter((c) => CLAUSE_FACTS[c].status === 'normative' || CLAUSE_FACTS[c].status === 'implementation-defined');
  return { check, clauses: binding.length > 0 ? binding : clauses, divergence, text };
};
