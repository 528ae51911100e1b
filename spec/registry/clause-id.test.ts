import { describe, expect, it } from 'vitest';
import { AREAS_OF_PROPOSAL, areaOf, clauseIdShapeError, isArea } from './clause-id.js';

/** Builds an ID from its segments, so that the CITATIONS scan does not read test data as citations. */
const id = (...segments: string[]) => segments.join('.');

describe('clauseIdShapeError', () => {
  it('accepts three lowercase segments with inner hyphens and a known area', () => {
    expect(clauseIdShapeError(id('dlmem', 'args', 'null-buffer'))).toBeUndefined();
    expect(clauseIdShapeError(id('dlopen-offset', 'api', 'zero2'))).toBeUndefined();
  });

  it.each([
    [id('dlmem', 'args'), /exactly three/],
    [id('dlmem', 'args', 'x', 'y'), /exactly three/],
    [id('dlmem', 'Args', 'x'), /segment "Args"/],
    [id('dlmem', 'args', 'bad-'), /segment "bad-"/],
    [id('dlmem', 'a--b', 'x'), /segment "a--b"/],
    [id('kernel', 'args', 'x'), /unknown area "kernel"/],
  ])('rejects %s', (bad, message) => {
    expect(clauseIdShapeError(bad)).toMatch(message);
  });
});

describe('areas', () => {
  it('maps each proposal to the areas its chapters may use', () => {
    expect(AREAS_OF_PROPOSAL.fdlopen).toEqual(['fdlopen', 'dlopen-offset']);
    expect(AREAS_OF_PROPOSAL.norelocate).toEqual(['noreloc']);
  });

  it('knows areas and splits them off', () => {
    expect(isArea('noreloc')).toBe(true);
    expect(isArea('norelocate')).toBe(false);
    expect(areaOf(id('base', 'dlsym', 'found'))).toBe('base');
  });
});
