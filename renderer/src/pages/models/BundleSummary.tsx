/** A verified bundle at a glance: the verdict, the signature in words, and the manifest's facts. */
import type { BundleVerification } from '../../../../contract/bundle-types';
import { KeyValue } from '../../components/KeyValue';
import { fmtDate, fmtDateLong, shortHash } from '../../format';
import { signatureText } from './bundleText';

export function BundleSummary({ verification }: { verification: BundleVerification }) {
  const { manifest } = verification;
  const signature = signatureText(verification.signature);
  return (
    <>
      <p className={verification.ok ? 'ok-text' : 'error-text'} data-testid="bundle-verdict">
        <strong>
          {verification.ok
            ? 'Verified: every file matches the sha256 in the manifest.'
            : 'Failed verification: do not use this bundle.'}
        </strong>
      </p>
      <p data-testid="bundle-signature">
        Signature: <span className={`badge badge-${signature.tone}`}>{signature.label}</span>{' '}
        {signature.detail}
      </p>
      {manifest ? (
        <KeyValue
          rows={[
            { term: 'Ensemble', value: manifest.ensemble.name, testId: 'bundle-ensemble' },
            { term: 'Task', value: manifest.ensemble.task },
            { term: 'Spec file', value: manifest.ensemble.specPath, className: 'mono break' },
            {
              term: 'Spec hash',
              value: shortHash(manifest.ensemble.specHash, 16),
              className: 'mono',
              title: manifest.ensemble.specHash,
            },
            { term: 'Made by', value: manifest.createdBy },
            { term: 'Made at', value: fmtDate(manifest.createdAt), title: fmtDateLong(manifest.createdAt) },
            { term: 'Ensemble Studio', value: manifest.appVersion },
            { term: 'ONNX Runtime', value: manifest.onnxruntimeVersion },
          ]}
        />
      ) : (
        <p className="error-text">The manifest could not be read, so nothing in the bundle can be trusted.</p>
      )}
    </>
  );
}
