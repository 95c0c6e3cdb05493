import { describe, expect, it } from 'vitest';
import { CsvTextError, parseCsvText } from '../../../main/serve/csv-text';

describe('parseCsvText', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, CRLF and a BOM', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",\n';
    expect(parseCsvText(text)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'two\nlines', ''],
    ]);
  });

  it('keeps empty cells and skips blank lines', () => {
    expect(parseCsvText('a,b\n,\n\n3,4')).toEqual([
      ['a', 'b'],
      ['', ''],
      ['3', '4'],
    ]);
  });

  it('refuses an unterminated quote and text after a closing quote, naming the line', () => {
    expect(() => parseCsvText('a\n"open\n')).toThrow(/opened on line 2 never closes/);
    const error = (() => {
      try {
        parseCsvText('a,b\n1,"x"y\n');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CsvTextError);
    expect((error as CsvTextError).line).toBe(2);
    expect(() => parseCsvText('a\nx"y\n')).toThrow(/quote inside an unquoted cell/);
  });
});
