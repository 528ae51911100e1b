/**
 * dlerror().
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { CallOf } from '../types/calls.js';
import type { Outcomes } from '../types/outcome.js';
import type { ModelState } from '../types/state.js';
import type { Transition } from './transition.js';
import { specified } from '../outcome/build.js';


/** dlerror() takes no argument: nothing to validate. */
function checks(): Outcomes {
  return [];
}

/** Reports the pending message, if any, and clears it. */
function core(state: ModelState): Outcomes {
  const pending = state.dlerror;
  const next: ModelState = { ...state, dlerror: null };
  // Nothing pending: no failure since the last dlerror(), and successful calls leave no message.
  if (pending === null) {
    return [specified(next, { kind: 'string', text: null }, ['base.dlerror.once', 'base.dlerror.success-silent'])];
  }
  const cites: ClauseId[] = ['base.dlerror.once', ...(pending.errno === 'unspecified' ? [] : ['base.dlerror.error-class' as const])];
  return [specified(next, { kind: 'string', text: pending.errno }, cites)];
}

/**
 * dlerror: after a failing call, a non-NULL message (returned as its error class: the errno the
 * failing clause names, or 'unspecified'), which is then cleared; with nothing pending, NULL
 * (base.dlerror.once). When the failure names an error number, the message or errno shows it
 * (base.dlerror.error-class): the returned text is that number's name for the oracle to check.
 * Once read, nothing is pending, so the outcome's own `error` is none.
 */
export const dlerror: Transition<CallOf<'dlerror'>> = (state) => {
  const failed = checks();
  return failed.length > 0 ? failed : core(state);
};
