/**
 * The header name of the CSV column that the text `before` (the start of a row, up to a bad
 * byte) ends in, if the header has that many columns: where a bad byte sits, for the message.
 * Quotes are followed, so a delimiter inside a quoted value does not count.
 * @example csvFieldAt('7,caf', 'id,text', ',') // 'text'
 * Complexity O(length of both).
 */
export function csvFieldAt(before: string, header: string, delimiter: string): string | undefined {
  const names = cells(header, delimiter);
  const column = cells(before, delimiter).length - 1;
  const name = names[column];
  return name === undefined || name.trim() === '' ? undefined : name;
}

function cells(text: string, delimiter: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') {
      if (quoted && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === delimiter && !quoted) {
      out.push(cell);
      cell = '';
    } else cell += c;
  }
  out.push(cell);
  return out;
}
