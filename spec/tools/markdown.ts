/**
 * Small Markdown helpers shared by the generators.
 *
 * @module
 */

/** Escapes `text` for a Markdown table cell: no pipes, no line breaks. */
export function tableCell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

/** A Markdown table with a header row; `right` lists the columns to align right. */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  right: readonly number[] = [],
): string {
  const line = (cells: readonly string[]) => `| ${cells.map(tableCell).join(' | ')} |`;
  const rule = header.map((_, index) => (right.includes(index) ? '---:' : '---'));
  return [line(header), `| ${rule.join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** `text` in italics, paragraph by paragraph; the first paragraph starts with `lead`. */
export function italicParagraphs(text: string, lead = ''): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph, index) => `_${index === 0 ? lead : ''}${paragraph.trim()}_`)
    .join('\n\n');
}

