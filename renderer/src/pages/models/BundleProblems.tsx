/** Every problem the verification found, each naming the file inside the bundle it is about. */
import type { BundleVerification } from '../../../../contract/bundle-types';
import { problemLine } from './bundleText';

export function BundleProblems({ problems }: { problems: BundleVerification['problems'] }) {
  if (problems.length === 0) return null;
  return (
    <div className="error-box" role="alert" data-testid="bundle-problems">
      <strong>
        {problems.length} {problems.length === 1 ? 'problem' : 'problems'}
      </strong>
      <ul>
        {problems.map((p, i) => (
          <li key={i} className="break">
            {problemLine(p)}
          </li>
        ))}
      </ul>
    </div>
  );
}
