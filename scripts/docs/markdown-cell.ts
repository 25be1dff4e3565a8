/** Text made fit for one cell of a Markdown table: one line, its pipes escaped. */
export function markdownCell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
}
