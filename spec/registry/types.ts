/**
 * The typed values of the clause registry: chapters, clauses and profiles as read from
 * `spec/clauses/*.yaml` and `spec/profiles.yaml`, and the problems found while reading them.
 *
 * @module
 */
import type { Change } from './changes.js';
import type { BRANCHES, Source } from './sources.js';
import type { ThreadMessage } from './thread-index.js';

/** How binding a clause is. */
export type Status = 'normative' | 'implementation-defined' | 'unspecified' | 'open-question';

/** Every {@link Status}, in the order the spec lists them. */
export const STATUSES: readonly Status[] = [
  'normative',
  'implementation-defined',
  'unspecified',
  'open-question',
];

/** The proposal a chapter belongs to. */
export type Proposal = 'baseline' | 'dlmem' | 'fdlopen' | 'norelocate';

/** Every {@link Proposal}. */
export const PROPOSALS: readonly Proposal[] = ['baseline', 'dlmem', 'fdlopen', 'norelocate'];

/** Something wrong in a project file, with the place it was found. */
export interface Problem {
  /** Path of the file, relative to the repository root. */
  file: string;
  /** 1-based line in that file, when known. */
  line?: number;
  /** What is wrong, in one sentence. */
  message: string;
}

/** One numbered rule of the spec. */
export interface Clause {
  /** The clause ID, `area.topic.rule`. */
  id: string;
  /** How binding the clause is. */
  status: Status;
  /** The rule itself, in Markdown. */
  text: string;
  /** Where the clause comes from (spec/registry/sources.ts). */
  sources: readonly Source[];
  /** The thread lines of its thread sources, such as `L7-16` or `L974`. */
  thread: readonly string[];
  /** The spec-bug and allowed-variance changes made to it, each with its justification. */
  changes: readonly Change[];
  /** The profiles the clause is in force in, when it names them; otherwise the chapter decides. */
  profiles?: readonly string[];
  /** Who raised the question, for an open question. */
  raisedBy?: string;
  /** Whether a process can observe the behaviour (default true). */
  observable: boolean;
  /** Whether the clause constrains the caller rather than the loader (default false). */
  callerRequirement: boolean;
  /** Non-normative rationale, in Markdown. */
  note?: string;
  /** The ID of the chapter the clause is in. */
  chapter: string;
  /** The chapter file, relative to the repository root. */
  file: string;
  /** 1-based line of the clause in its file, when known. */
  line?: number;
}

/** One chapter file, `spec/clauses/NN-slug.yaml`. */
export interface Chapter {
  /** The chapter slug (the file name without its number and extension). */
  id: string;
  /** The chapter number, from the file name's `NN` prefix. */
  number: number;
  /** The chapter heading. */
  title: string;
  /** The proposal the chapter's clauses belong to. */
  proposal: Proposal;
  /** Introductory Markdown printed under the heading. */
  intro?: string;
  /** The clauses, in file order. */
  clauses: Clause[];
  /** The chapter file, relative to the repository root. */
  file: string;
}

/** One version of a proposal that an implementation can claim to follow. */
export interface Profile {
  /** The profile ID, such as `dlmem-v9`. */
  id: string;
  /** The proposal the profile is a version of. */
  proposal: Proposal;
  /** A one-line title. */
  title: string;
  /** What the profile contains, in Markdown. */
  summary: string;
  /** Where the profile's contract comes from. */
  source: string;
  /** The stsp/glibc branch whose implementation the profile describes, for a branch profile. */
  branch?: (typeof BRANCHES)[number];
}

/** The whole registry: chapters in number order, the profiles, and the thread's message index. */
export interface Registry {
  /** The chapters, ordered by their `NN` prefix. */
  chapters: Chapter[];
  /** The profiles, in file order. */
  profiles: Profile[];
  /** The messages of the thread (spec/thread-index.yaml), for naming a quoted message. */
  messages: readonly ThreadMessage[];
}

/** Every clause of the registry, in chapter order. */
export function clausesOf(registry: Registry): Clause[] {
  return registry.chapters.flatMap((chapter) => chapter.clauses);
}

/** The IDs of every clause of the registry. */
export function clauseIdsOf(registry: Registry): Set<string> {
  return new Set(clausesOf(registry).map((clause) => clause.id));
}
