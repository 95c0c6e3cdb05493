/** `migration.json`: the report as a file that travels with the artifact and explains itself. */
import { availableParallelism } from 'node:os';
import type {
  MigrationArtifact,
  MigrationCandidate,
  MigrationManifest,
  MigrationRecommendation,
} from '../../contract/migration-types';
import { appVersion } from '../environment/app-version';
import { onnxruntimeVersion } from '../runtime/providers';
import { REGRESSION_TOLERANCE } from './outputs';
import { MIN_PASS_SECONDS, TIMED_PASSES } from './measure';
import type { Budgets } from './recommend';

export const MANIFEST_NAME = 'migration.json';

export interface ManifestInput {
  ensemble: MigrationManifest['ensemble'];
  input: MigrationManifest['input'];
  budgets: Budgets;
  referenceMetric: MigrationManifest['referenceMetric'];
  recommendation: MigrationRecommendation | null;
  artifact: MigrationArtifact | null;
  candidates: MigrationCandidate[];
  absentProviders: MigrationManifest['absentProviders'];
  warnings: string[];
}

export function buildManifest(input: ManifestInput): MigrationManifest {
  const classification = input.ensemble.task === 'classification';
  return {
    format: 'ensemble-studio/migration@1',
    createdAt: new Date().toISOString(),
    app: {
      version: appVersion(),
      onnxruntime: onnxruntimeVersion(),
      platform: process.platform,
      arch: process.arch,
      cores: availableParallelism(),
    },
    ensemble: input.ensemble,
    input: input.input,
    budgets: input.budgets,
    definitions: {
      reference:
        "the app's own scoring of the sample: each member's float32 model on cpu with the app's default threads, combined (and calibrated, where the spec has a calibration) by the app",
      maxDiff: classification
        ? 'largest |p − p_reference| over the sample’s rows and classes'
        : 'largest |y − y_reference| over the sample’s rows',
      agreement: classification
        ? 'share of rows whose predicted label equals the reference’s'
        : `share of rows with |y − y_reference| ≤ ${REGRESSION_TOLERANCE} · max(1, |y_reference|)`,
      metric:
        input.input.label === null
          ? null
          : classification
            ? 'log loss against the label column (lower is better); change = candidate − reference, positive = worse'
            : 'RMSE against the label column (lower is better); change = candidate − reference, positive = worse',
      rowsPerSec:
        `rows scored per second in the median of ${TIMED_PASSES} timed passes, after one untimed pass; ` +
        `a pass runs the sample as often as it takes to last about ${MIN_PASS_SECONDS} s`,
    },
    referenceMetric: input.referenceMetric,
    recommendation: input.recommendation,
    artifact: input.artifact,
    candidates: input.candidates,
    absentProviders: input.absentProviders,
    warnings: input.warnings,
  };
}
