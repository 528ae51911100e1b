/**
 * Lowering: a case's calls (the model's script format) to the driver protocol's input lines.
 *
 * @module
 */
export { lowerCase, lowerCall, type LoweredCase, type LowerError } from './lower.js';
export { LowerContext, type CaseFile, type RegionFacts } from './context.js';
export { premapSlots, regionRefs } from './premap-slots.js';
export { encodeValue, flagsText, modeText, nsidText, protText, requestText, SLOT_NAME } from './values.js';
