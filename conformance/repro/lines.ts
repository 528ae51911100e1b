/**
 * Reading a lowered case (the driver's input, conformance/DRIVER.md "Input") back into steps: the
 * repro generator compiles each driver line into C, so that the program does exactly what the
 * driver did, with the same resolved paths, sizes, modes and slot names.
 *
 * @module
 */

/** One driver input line. */
export interface DriverStep {
  /** 1-based step number. */
  readonly n: number;
  /** The operation. */
  readonly op: string;
  /** Its arguments, decoded. */
  readonly args: Readonly<Record<string, string>>;
}

/** Decodes `%XX` sequences. */
export function decodeValue(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The steps of a lowered case text (blank lines and `#` comments skipped, steps numbered from 1). */
export function parseDriverInput(text: string): readonly DriverStep[] {
  const steps: DriverStep[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [op = '', ...rest] = line.split(/[ \t]+/);
    const args: Record<string, string> = {};
    for (const part of rest) {
      const eq = part.indexOf('=');
      if (eq > 0) args[part.slice(0, eq)] = decodeValue(part.slice(eq + 1));
    }
    steps.push({ n: steps.length + 1, op, args });
  }
  return steps;
}
