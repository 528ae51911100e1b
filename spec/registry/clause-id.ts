/**
 * The shape of clause IDs (`area.topic.rule`) and which areas each proposal may use.
 *
 * @module
 */
import type { Proposal } from './types.js';

/** The areas a clause ID may start with. */
export const AREAS = ['base', 'dlmem', 'fdlopen', 'dlopen-offset', 'noreloc'] as const;

/** The first segment of a clause ID. */
export type Area = (typeof AREAS)[number];

/** The areas allowed in a chapter of each proposal. */
export const AREAS_OF_PROPOSAL: Readonly<Record<Proposal, readonly Area[]>> = {
  baseline: ['base'],
  dlmem: ['dlmem'],
  fdlopen: ['fdlopen', 'dlopen-offset'],
  norelocate: ['noreloc'],
};

const SEGMENT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Says what is wrong with the shape of a clause ID, or returns `undefined` when it is
 * three well-formed segments whose first is a known area.
 */
export function clauseIdShapeError(id: string): string | undefined {
  const segments = id.split('.');
  if (segments.length !== 3) {
    return `clause ID "${id}" needs exactly three dot-separated segments: area.topic.rule`;
  }
  const bad = segments.find((segment) => !SEGMENT.test(segment));
  if (bad !== undefined) {
    return `clause ID "${id}" has segment "${bad}"; segments are lowercase [a-z0-9] with inner hyphens`;
  }
  if (!isArea(segments[0] ?? '')) {
    return `clause ID "${id}" starts with unknown area "${segments[0]}" (known: ${AREAS.join(', ')})`;
  }
  return undefined;
}

/** Whether `value` is one of the known {@link AREAS}. */
export function isArea(value: string): value is Area {
  return (AREAS as readonly string[]).includes(value);
}

/** The area of a clause ID: its first segment. */
export function areaOf(id: string): string {
  return id.split('.')[0] ?? '';
}
