/**
 * The model's value types: calls, state and outcomes.
 *
 * @module
 */
export type * from './calls.js';
export type * from './state.js';
export type * from './outcome.js';
