/**
 * A bullet that is one or two columns off the list above it. TLA+ reads `/\` and `\/` at the
 * start of a line as a list item only when it lines up with the list's first bullet; a bullet
 * slightly off is read as an infix operator, silently giving the formula another meaning (the
 * first Norelocate.tla had one, in a CASE arm, which trace validation found).
 *
 * @module
 */

/** A bullet out of line: where it is and where the list above it is. */
export interface MisalignedBullet {
  /** 1-based line of the bullet. */
  readonly line: number;
  /** 1-based column of the bullet. */
  readonly column: number;
  /** 1-based column of the list's bullet on the line above. */
  readonly listColumn: number;
}

/** Every line that starts with a bullet one or two columns off a bullet of the same kind on the line above it. */
export function misalignedBullets(text: string): MisalignedBullet[] {
  const lines = text.split('\n');
  const out: MisalignedBullet[] = [];
  lines.forEach((line, i) => {
    const next = lines[i + 1];
    if (next === undefined) return;
    const trimmed = next.trimStart();
    const bullet = trimmed.startsWith('/\\ ') ? '/\\' : trimmed.startsWith('\\/ ') ? '\\/' : undefined;
    if (bullet === undefined) return;
    const column = next.length - trimmed.length;
    for (const m of line.matchAll(/(?<=^\s*|\S )(\/\\|\\\/) /g)) {
      const offset = Math.abs((m.index ?? 0) - column);
      if (m[1] === bullet && offset > 0 && offset < 3) out.push({ line: i + 2, column: column + 1, listColumn: (m.index ?? 0) + 1 });
    }
  });
  return out;
}
