/**
 * `dlmem`: load a shared object from the caller's buffer (SPEC.md chapters 2–8).
 *
 * @module
 */
import type { CallOf } from '../types/calls.js';
import type { Outcomes } from '../types/outcome.js';
import type { Transition } from './transition.js';
import { checkDlmemArgs } from './lib/dlmem-args.js';
import { placeAndLoad } from './lib/dlmem-load.js';
import { namesStep } from './lib/dlmem-names.js';
import type { DlmemRequest } from './lib/dlmem-request.js';
import { imageStep, sourceStep } from './lib/dlmem-source.js';
import { finish, goOn, andThen } from './lib/result.js';

/**
 * dlmem(buffer, size, mode, dlm_args). The steps, each ending the call with the outcomes it
 * allows or letting it go on:
 *
 * - checks (lib/dlmem-args.ts): a buffer not readable for `size` bytes (undefined behaviour),
 *   buffer NULL, the mode as dlopen's, dlm_args NULL or zero, alignment, size, unknown flags, the
 *   namespace, DLMEM_DONTREPLACE without premap;
 * - core: an already-loaded object (RTLD_NOLOAD, de-duplication; lib/dlmem-names.ts), the source
 *   kind and the image (lib/dlmem-source.ts), premap, placement and the shared load pipeline with
 *   its cleanup (lib/dlmem-load.ts).
 *
 * The source region is never changed (dlmem.source.bytes-unchanged,
 * dlmem.source.protections-unchanged). The result is bound to `call.as`.
 */
export const dlmem: Transition<CallOf<'dlmem'>> = (state, call, world) => {
  const checked = checkDlmemArgs(state, call, world);
  return [...checked.ended, ...checked.go.flatMap(core)].map((o) => finish(o, call.as));
};

/** Everything after argument validation. */
function core(req: DlmemRequest): Outcomes {
  const accepted = andThen(andThen(andThen(goOn(req), namesStep), sourceStep), imageStep);
  return [...accepted.ended, ...accepted.go.flatMap(placeAndLoad)];
}
