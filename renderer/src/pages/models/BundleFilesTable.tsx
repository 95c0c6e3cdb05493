/** The bundle's files as the manifest lists them, each with its hash and what the check found. */
import type { BundleVerification } from '../../../../contract/bundle-types';
import { fmtBytes, shortHash } from '../../format';
import { bundleFileRows } from './bundleText';

export function BundleFilesTable({ verification }: { verification: BundleVerification }) {
  const rows = bundleFileRows(verification);
  if (rows.length === 0) return null;
  return (
    <table className="data-table" data-testid="bundle-files">
      <caption className="sr-only">Files in the bundle</caption>
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Role</th>
          <th scope="col" className="num">
            Size
          </th>
          <th scope="col">SHA-256</th>
          <th scope="col">Check</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.path} className={r.ok ? '' : 'row-error'} data-file={r.path}>
            <td className="mono break">{r.path}</td>
            <td>{r.role}</td>
            <td className="num" title={`${r.size.toLocaleString('en-US')} bytes`}>
              {fmtBytes(r.size)}
            </td>
            <td className="mono" title={r.sha256 ?? undefined}>
              {shortHash(r.sha256)}
            </td>
            <td className={r.ok ? 'ok-text' : 'error-text'}>{r.ok ? 'ok' : (r.problem ?? 'failed')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
