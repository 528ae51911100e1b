/**
 * The values of a fuzz run: how the model's ELF reader classifies each image (the clause that
 * governs it, or none for an image it reads as well formed), the verdict of each loader on it,
 * kept small (10,000 images × loaders go into one report), and the counts a report shows.
 *
 * @module
 */
import type { ImageFacts } from '../../model/world/world.js';
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { VerdictKind } from '../oracle/types.js';
import type { ResultEntry } from '../report/types.js';
import type { Mutation } from './mutation.js';

/** What the model's ELF reader makes of an image. */
export interface Classification {
  /** The defect kind (model/elf/defect.ts), or `none` for an image it reads as well formed. */
  readonly kind: string;
  /** The clause that says what a loader does with it (null for a well-formed image). */
  readonly clause: ClauseId | null;
  /** The reader's words. */
  readonly detail: string;
}

/** The reader's classification of an image. */
export function classify(facts: ImageFacts): Classification {
  return facts.elf.ok ? { kind: 'none', clause: null, detail: '' }
    : { kind: facts.elf.defect.kind, clause: facts.elf.defect.clause, detail: facts.elf.defect.detail };
}

/** One loader's verdict on one image. */
export interface FuzzVerdict {
  /** The loader. */
  readonly loader: string;
  /** The verdict. */
  readonly verdict: VerdictKind;
  /** For FAIL: the step, the kind, what was seen and the clauses broken. */
  readonly divergence?: {
    readonly step: number;
    readonly kind: string;
    readonly observed: string;
    readonly violated: readonly ClauseId[];
    readonly detail: string;
  };
  /** For ERROR and UNSUPPORTED: why. */
  readonly reason?: string;
  /** The open spots the run went through. */
  readonly gaps?: readonly string[];
  /** Milliseconds. */
  readonly ms: number;
}

/** Everything one image came to. */
export interface FuzzImageResult {
  /** Its index in the seed's stream. */
  readonly index: number;
  /** The mutation as one line. */
  readonly mutation: string;
  /** The mutation as data. */
  readonly edits: Mutation;
  /** Its size in bytes (as built with cc, when cc ran). */
  readonly size: number;
  /** What the model's reader makes of it. */
  readonly classification: Classification;
  /** Every loader's verdict, the model's first. */
  readonly results: readonly FuzzVerdict[];
}

const cut = (text: string, n = 300): string => (text.length > n ? `${text.slice(0, n)}…` : text);

/** The small form of a result entry. */
export function slim(r: ResultEntry): FuzzVerdict {
  const d = r.divergence;
  return {
    loader: r.loader, verdict: r.verdict, ms: r.ms,
    ...(d === undefined ? {} : { divergence: { step: d.step, kind: d.kind, observed: cut(d.observed), violated: d.violated, detail: cut(d.detail) } }),
    ...(r.reason === undefined ? {} : { reason: cut(r.reason, 600) }),
    ...(r.gaps.length === 0 ? {} : { gaps: [...new Set(r.gaps.map((g) => cut(g.gap, 200)))] }),
  };
}

/** Counts of a fuzz run. */
export interface FuzzCounts {
  /** Per loader, per verdict. */
  readonly byVerdict: Readonly<Record<string, Partial<Record<VerdictKind, number>>>>;
  /** Images per reader classification clause (`well-formed` for none). */
  readonly byClause: Readonly<Record<string, number>>;
  /** Per loader: the FAILs per clause broken (a FAIL that broke several counts under each). */
  readonly failsByClause: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Per loader: the FAILs per divergence kind and signal (`unexpected-signal SIGSEGV`, `value-not-error`). */
  readonly failsByKind: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

/** The counts of `images`. */
export function countResults(images: readonly FuzzImageResult[]): FuzzCounts {
  const byVerdict: Record<string, Partial<Record<VerdictKind, number>>> = {};
  const byClause: Record<string, number> = {};
  const failsByClause: Record<string, Record<string, number>> = {};
  const failsByKind: Record<string, Record<string, number>> = {};
  for (const image of images) {
    bump(byClause, image.classification.clause ?? 'well-formed');
    for (const r of image.results) {
      const v = (byVerdict[r.loader] ??= {});
      v[r.verdict] = (v[r.verdict] ?? 0) + 1;
      if (r.verdict !== 'FAIL' || r.divergence === undefined) continue;
      for (const clause of r.divergence.violated.length > 0 ? r.divergence.violated : ['(none named)']) bump(failsByClause[r.loader] ??= {}, clause);
      const signal = r.divergence.kind === 'unexpected-signal' ? ` ${r.divergence.observed.replace(/^.*?(SIG[A-Z]+).*$/s, '$1')}` : '';
      bump(failsByKind[r.loader] ??= {}, `${r.divergence.kind}${signal}`);
    }
  }
  return { byVerdict, byClause, failsByClause, failsByKind };
}

/** The command that runs image `index` of `seed` alone on `loader` again and writes its standalone C repro. */
export function reproCommand(seed: string, index: number, loader: string, profile: string): string {
  const quote = (s: string): string => (/^[\w.:+/@=-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);
  return `npx dlspec fuzz-elf --seed ${quote(seed)} --only ${index} --loader ${quote(loader)} --profile ${profile} --repro fuzz-${index}.c`;
}
