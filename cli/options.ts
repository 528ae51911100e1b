/**
 * Helpers the subcommands share for their options.
 *
 * @module
 */

/** Commander's collector for repeatable options. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
