/** File-type filters of the open and save dialogs, per kind of file. Pure data. */
import type { FileKind, SaveKind } from '../../preload/app-calls';

export interface FileFilter {
  name: string;
  extensions: string[];
}

export const OPEN_FILTERS: Readonly<Record<FileKind, FileFilter[]>> = {
  model: [{ name: 'ONNX models', extensions: ['onnx'] }],
  data: [
    { name: 'Data files', extensions: ['csv', 'tsv', 'txt', 'parquet', 'jsonl', 'ndjson'] },
    { name: 'All files', extensions: ['*'] },
  ],
  ensemble: [{ name: 'Ensembles', extensions: ['json'] }],
  bundle: [{ name: 'Ensemble bundles', extensions: ['esb', 'zip'] }],
  publicKey: [
    { name: 'Public keys', extensions: ['pub', 'pem'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

export const SAVE_FILTERS: Readonly<Record<SaveKind, FileFilter[]>> = {
  ensemble: [{ name: 'Ensemble', extensions: ['ensemble.json', 'json'] }],
  output: [
    { name: 'CSV', extensions: ['csv'] },
    { name: 'Parquet', extensions: ['parquet'] },
    { name: 'JSON Lines', extensions: ['jsonl'] },
  ],
  report: [{ name: 'HTML report', extensions: ['html'] }],
  model: [{ name: 'ONNX model', extensions: ['onnx'] }],
};

export const OPEN_TITLES: Readonly<Record<FileKind, string>> = {
  model: 'Import models',
  data: 'Open data',
  ensemble: 'Open ensemble',
  bundle: 'Open bundle',
  publicKey: 'Public key to check the signature with',
};

/**
 * The kinds the recent lists keep: those the File menu can open again. A bundle is opened on the
 * Models page and a key only goes with a bundle, so neither is remembered.
 */
export const RECENT_KINDS: ReadonlySet<FileKind> = new Set<FileKind>(['model', 'data', 'ensemble']);
