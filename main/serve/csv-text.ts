/**
 * RFC 4180 CSV text (a `text/csv` request body) into records of cells: quoted cells may hold
 * commas, doubled quotes and line breaks; CRLF or LF end records; a BOM is skipped. The service
 * gets small bodies (a request, not a file), so the whole text is parsed at once.
 */

export class CsvTextError extends Error {
  constructor(
    message: string,
    /** 1-based line of the body where the problem is. */
    readonly line: number,
  ) {
    super(message);
  }
}

const DELIMITERS = new Set([',', '\r', '\n', '"']);

export function parseCsvText(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let atCellStart = true;
  const endCell = () => {
    record.push(cell);
    cell = '';
    atCellStart = true;
  };
  const endRecord = () => {
    endCell();
    // A blank line (one empty cell) is no record; the body may end with a newline or several.
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (atCellStart && ch === '"') {
      const quotedFrom = line;
      i++;
      for (;;) {
        if (i >= text.length)
          throw new CsvTextError(`a quoted cell opened on line ${quotedFrom} never closes`, quotedFrom);
        const q = text[i]!;
        if (q === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        cell += q;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvTextError(
          `line ${line}: text after a closing quote (a quote inside a cell is written "")`,
          line,
        );
      }
      atCellStart = false;
      continue;
    }
    if (ch === ',') {
      endCell();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else if (ch === '"') {
      throw new CsvTextError(`line ${line}: a quote inside an unquoted cell (quote the whole cell)`, line);
    } else {
      // An unquoted run up to the next delimiter, taken in one slice.
      let end = i + 1;
      while (end < text.length && !DELIMITERS.has(text[end]!)) end++;
      cell += text.slice(i, end);
      atCellStart = false;
      i = end;
    }
  }
  if (!atCellStart || cell !== '' || record.length > 0) endRecord();
  return records;
}
