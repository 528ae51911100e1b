/**
 * ISOLATION (test262's rule: a case depends on as little else as it can). From judged coverage:
 * a normative observable dlmem clause that is not about the source itself must be judged through
 * more than one kind of source buffer (else a loader broken for that one kind hides it), and every
 * normative observable clause must be judged on some path that passes through no outcome another
 * clause leaves open (else its verdict rests on that other clause's open spot).
 *
 * @module
 */
import { clausesOf } from '../registry/types.js';
import type { Check, Problem } from './types.js';

/** The dlmem clauses that are about the source or the page backing it gives: judged through one kind by design. */
const SOURCE_BOUND = /^dlmem\.(source\.|place\.(zero-copy|file-offsets|genbuf-copy)$|args\.unaligned-)/;

/** The ISOLATION check. */
export const isolationCheck: Check = {
  id: 'ISOLATION',
  description: 'every normative observable clause is judged through more than one source kind and on a path no open spot decides',
  run(ctx) {
    const j = ctx.judgement;
    if (j?.sources === undefined || j.alone === undefined) return [];
    const problems: Problem[] = [];
    for (const clause of clausesOf(ctx.registry)) {
      if (clause.status !== 'normative' || !clause.observable || clause.callerRequirement || !j.judged.has(clause.id)) continue;
      const at = { file: clause.file, ...(clause.line === undefined ? {} : { line: clause.line }) };
      const kinds = j.sources.get(clause.id);
      if (clause.id.startsWith('dlmem.') && !SOURCE_BOUND.test(clause.id) && kinds !== undefined && kinds.size === 1) {
        problems.push({ ...at, message: `${clause.id} is judged only through one kind of source buffer (${[...kinds].join('')}): give a case that judges it dimensions: { source: all }` });
      }
      if (!j.alone.has(clause.id)) {
        problems.push({ ...at, message: `${clause.id} is judged only after a step whose outcome another clause leaves open: add a case that reaches it through specified outcomes` });
      }
    }
    return problems;
  },
};
