/**
 * CSV formula injection (OWASP): a spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`,
 * TAB or CR as a formula, so `=HYPERLINK(...)` from a data file would become a live link. Such
 * text cells are written with a leading `'`, which spreadsheets show as text. Text that is a
 * plain number ("-5", "+1.5e3") is left alone: a spreadsheet reads it as that number, nothing runs.
 * CSV and TSV only: Parquet and JSON Lines keep text typed as text, which spreadsheets do not run.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}
