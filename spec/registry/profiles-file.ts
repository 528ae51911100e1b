/**
 * Validating `spec/profiles.yaml` and turning it into {@link Profile} values.
 *
 * @module
 */
import { BRANCHES } from './sources.js';
import { PROPOSALS, type Problem, type Profile } from './types.js';
import { isRecord, isText, parseYamlFile, unknownKeys } from './yaml-file.js';

/** The keys every profile entry has, and the only ones it may have. */
export const PROFILE_KEYS = ['id', 'proposal', 'title', 'summary', 'source'] as const;

/** Keys a profile entry may add: `branch`, the stsp/glibc branch whose implementation it describes. */
export const OPTIONAL_PROFILE_KEYS = ['branch'] as const;

/** The usable profiles of the profiles file, and its problems. */
export interface ParsedProfiles {
  /** The profiles without fatal problems, in file order. */
  profiles: Profile[];
  /** Everything wrong in the file. */
  problems: Problem[];
}

const PROFILE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Parses and validates the profiles file `file` whose contents are `text`. */
export function parseProfilesFile(file: string, text: string): ParsedProfiles {
  const { yaml, problems } = parseYamlFile(file, text);
  if (yaml === undefined) return { profiles: [], problems };
  if (!Array.isArray(yaml.value)) {
    return { profiles: [], problems: [{ file, message: 'the profiles file must be a list of profiles' }] };
  }
  const profiles: Profile[] = [];
  yaml.value.forEach((raw: unknown, index) => {
    const line = yaml.lineOf([index]);
    const report = (message: string) => problems.push({ file, line, message });
    if (!isRecord(raw)) {
      report(`profiles[${index}] is not a mapping`);
      return;
    }
    const label = typeof raw.id === 'string' ? `profile ${raw.id}` : `profiles[${index}]`;
    for (const key of unknownKeys(raw, [...PROFILE_KEYS, ...OPTIONAL_PROFILE_KEYS])) report(`${label} has unknown key "${key}"`);
    const missing = PROFILE_KEYS.filter((key) => !isText(raw[key]));
    if (missing.length > 0) report(`${label} needs non-empty ${missing.map((key) => `"${key}"`).join(', ')}`);
    if (typeof raw.id === 'string' && !PROFILE_ID.test(raw.id)) {
      report(`profile id "${raw.id}" must be lowercase [a-z0-9] words joined by hyphens`);
    }
    const proposal = PROPOSALS.find((known) => known === raw.proposal);
    if (raw.proposal !== undefined && proposal === undefined) {
      report(`${label} has proposal ${JSON.stringify(raw.proposal)}; expected one of ${PROPOSALS.join(', ')}`);
    }
    const branch = BRANCHES.find((known) => known === raw.branch);
    if (raw.branch !== undefined && branch === undefined) report(`${label} has branch ${JSON.stringify(raw.branch)}; expected ${BRANCHES.join(' or ')}`);
    if (missing.length > 0 || proposal === undefined) return;
    if (profiles.some((profile) => profile.id === raw.id)) {
      report(`profile id "${String(raw.id)}" is defined twice`);
      return;
    }
    const text = (key: (typeof PROFILE_KEYS)[number]) => String(raw[key]).trim();
    profiles.push({
      id: text('id'), proposal, title: text('title'), summary: text('summary'), source: text('source'),
      ...(branch === undefined ? {} : { branch }),
    });
  });
  return { profiles, problems };
}
