import { describe, expect, it } from 'vitest';
import {
  basename,
  dirname,
  extension,
  isAbsolute,
  join,
  sep,
  stem,
  withExtension,
} from '../../renderer/src/paths';

describe('renderer path text', () => {
  it('knows absolute paths on both systems', () => {
    expect(isAbsolute('/data/a.csv')).toBe(true);
    expect(isAbsolute('\\\\server\\share\\a.csv')).toBe(true);
    expect(isAbsolute('C:\\data\\a.csv')).toBe(true);
    expect(isAbsolute('c:/data/a.csv')).toBe(true);
    expect(isAbsolute('data/a.csv')).toBe(false);
    expect(isAbsolute('./a.csv')).toBe(false);
  });

  it('uses the separator the path already has', () => {
    expect(sep('C:\\data\\a.csv')).toBe('\\');
    expect(sep('/data/a.csv')).toBe('/');
    expect(sep('a.csv')).toBe('/');
  });

  it('splits folder and file with either separator', () => {
    expect(dirname('/data/x/a.csv')).toBe('/data/x');
    expect(dirname('C:\\data\\a.csv')).toBe('C:\\data');
    expect(dirname('/a.csv')).toBe('/');
    expect(dirname('a.csv')).toBe('.');
    expect(basename('/data/x/a.csv')).toBe('a.csv');
    expect(basename('C:\\data\\a.csv')).toBe('a.csv');
    expect(basename('a.csv')).toBe('a.csv');
  });

  it('joins a file onto a folder, keeping absolute files and dropping ./', () => {
    expect(join('/data', 'a.csv')).toBe('/data/a.csv');
    expect(join('/data/', 'a.csv')).toBe('/data/a.csv');
    expect(join('C:\\data', 'a.csv')).toBe('C:\\data\\a.csv');
    expect(join('/data', './a.csv')).toBe('/data/a.csv');
    expect(join('/data', '/other/a.csv')).toBe('/other/a.csv');
  });

  it('reads and replaces extensions, lower-cased, ignoring dot files', () => {
    expect(extension('/d/scored.CSV')).toBe('csv');
    expect(extension('/d/archive.tar.gz')).toBe('gz');
    expect(extension('/d/.hidden')).toBe('');
    expect(extension('/d.x/noext')).toBe('');
    expect(withExtension('/d/scored.csv', 'parquet')).toBe('/d/scored.parquet');
    expect(withExtension('/d.x/scored', 'csv')).toBe('/d.x/scored.csv');
  });

  it('takes the stem before the first dot', () => {
    expect(stem('/d/breast_cancer.csv')).toBe('breast_cancer');
    expect(stem('logreg.onnx')).toBe('logreg');
    expect(stem('/d/blend.ensemble.json')).toBe('blend');
    expect(stem('/d/.env')).toBe('.env');
  });
});
