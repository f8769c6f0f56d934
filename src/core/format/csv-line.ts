/**
 * One CSV line (with `\n`) from cell values.
 * @example csvLine(['a', 'b "c"', null], ',') // 'a,"b ""c""",\n'
 * Complexity O(length of the line).
 */
export function csvLine(values: readonly unknown[], delimiter: string): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += delimiter;
    line += csvCell(values[i], delimiter);
  }
  return `${line}\n`;
}

function csvCell(value: unknown, delimiter: string): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  const needsQuotes =
    text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r');
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}
