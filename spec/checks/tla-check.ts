/**
 * TLA_CHECK: every TLA+ module with a configuration (spec/tla/<Module>[.<aspect>].cfg) is model
 * checked (spec/tlacheck): each configuration gives the result and distinct-state count it
 * records, no action or IF/CASE branch is left unexercised by all of them together, and no
 * bullet of a conjunction or disjunction list is out of line.
 *
 * @module
 */
import { TLA_DIR } from '../registry/paths.js';
import { readyTlaParser } from './lib/tla.js';
import { misalignedBullets } from '../tlacheck/bullets.js';
import { checkModule, checkedModules, configFilesOf } from '../tlacheck/run.js';
import type { Check, Problem } from './types.js';

/** The TLA_CHECK check. */
export const tlaCheckCheck: Check = {
  id: 'TLA_CHECK',
  description: 'every TLA+ module with a configuration is model-checked: expected results, no dead action or branch, bullets in line',
  run(ctx) {
    const bullets = ctx.tla.flatMap(({ file, text }): Problem[] => misalignedBullets(text).map((b) => ({
      file, line: b.line, message: `the bullet at ${b.line}:${b.column} is not in line with the list at column ${b.listColumn} above it: it reads as an infix operator`,
    })));
    const parser = readyTlaParser();
    if (parser === undefined || ctx.tla.length === 0) return bullets;
    const checked = checkedModules(ctx.root, ctx.tla).flatMap((name): Problem[] => {
      const run = checkModule(ctx.tla, name, configFilesOf(ctx.root, name), (text) => parser.parse(text));
      const file = `${TLA_DIR}/${name}.tla`;
      if (run.error !== undefined) return [{ file, message: run.error }];
      return [
        ...run.runs.flatMap((r) => r.problems.map((message) => ({ file: r.file, message: message.replace(`${r.file}: `, '') }))),
        ...run.dead.map((d) => ({ file: d.file, line: d.line, message: `${d.definition}: ${d.what} in any configuration` })),
      ];
    });
    return [...bullets, ...checked];
  },
};
