/**
 * Collects what an evaluation needs while chunks stream past: each row's class (or target), each
 * member's scores and the ensemble's. Metrics such as ROC AUC need every row, so this holds
 * N numbers per model — typed arrays, no per-row objects.
 */
import type { DataChunk } from '../../contract/data-types';
import type { ResolvedEnsemble } from '../ensemble/plan';
import { evaluateEnsemble, type EvaluationResult, type TrajectoryPlot } from '../evaluate/evaluate-result';
import { mapLabels, regressionTargets, selectRows, type LabelColumn } from '../evaluate/labels';
import type { CombinedChunk } from './combine-chunk';
import { GrowableFloat64 } from './growable';
import type { MetricRow } from '../../contract/job-results';
import type { MetricSet } from '../../contract/evaluation-types';
import type { EnsembleSpec } from '../../contract/ensemble-spec';
import type { ModelInfo } from '../../contract/model-types';
import { writeScoreStore } from '../whatif/score-store';

export interface CollectedEvaluation {
  result: EvaluationResult;
  metrics: MetricRow[];
  artifacts: Record<string, unknown>;
}

export class LabelledCollector {
  private readonly labels = new GrowableFloat64();
  private readonly members: GrowableFloat64[];
  private readonly ensemble = new GrowableFloat64();
  /** File row number of each kept row (to place whole-file results such as rank_mean). */
  private readonly rowNumbers = new GrowableFloat64();
  private unknown = 0;

  constructor(
    private readonly resolved: ResolvedEnsemble,
    private readonly labelColumn: string,
    private readonly file: string,
    private readonly ignoreUnknown: boolean,
  ) {
    this.members = resolved.members.map(() => new GrowableFloat64());
  }

  get width(): number {
    return this.resolved.task === 'classification' ? this.resolved.classes.length : 1;
  }

  add(chunk: DataChunk, memberScores: readonly Float64Array[], combined: CombinedChunk | null): void {
    const column = chunk.columns.get(this.labelColumn)!;
    const options = {
      file: this.file,
      column: this.labelColumn,
      firstRow: chunk.firstRow,
      ignoreUnknown: this.ignoreUnknown,
    };
    let kept: Int32Array | null = null;
    if (this.resolved.task === 'classification') {
      const mapped = mapLabels(column.values as LabelColumn, this.resolved.classes, options);
      kept = mapped.keptRows;
      this.unknown += mapped.unknownCount;
      this.labels.append(Float64Array.from(mapped.indices));
    } else {
      this.labels.append(regressionTargets(column.values as LabelColumn, options));
    }
    const rows = new Float64Array(kept ? kept.length : chunk.rowCount);
    for (let i = 0; i < rows.length; i++) rows[i] = chunk.firstRow + (kept ? kept[i]! : i);
    this.rowNumbers.append(rows);
    const width = this.width;
    memberScores.forEach((scores, i) => this.members[i]!.append(selectRows(scores, width, kept)));
    if (combined)
      this.ensemble.append(selectRows('values' in combined ? combined.values : combined.proba, width, kept));
  }

  /** Rows kept so far, and the buffers, for optimisers that work on member scores directly. */
  collected(): { labels: Float64Array; members: Float64Array[]; ensemble: Float64Array; unknown: number } {
    return {
      labels: this.labels.view(),
      members: this.members.map((m) => m.view()),
      ensemble: this.ensemble.view(),
      unknown: this.unknown,
    };
  }

  /** The kept rows of a whole-file N×width result (e.g. rank_mean's probabilities). */
  keptRowsOf(wholeFile: Float64Array): Float64Array {
    const width = this.width;
    const rows = this.rowNumbers.view();
    const out = new Float64Array(rows.length * width);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      out.set(wholeFile.subarray(r * width, r * width + width), i * width);
    }
    return out;
  }

  /**
   * Writes the kept rows' labels and member scores, with the spec the job ran, to `path`
   * (main/whatif/score-store.ts): what a later what-if recombines.
   */
  async keepScores(
    path: string,
    ran: { spec: EnsembleSpec; baseDir: string; models: { member: string; info: ModelInfo }[] },
  ): Promise<void> {
    const labels = this.labels.view();
    await writeScoreStore(path, {
      header: {
        format: 'ensemble-studio/scores@1',
        task: this.resolved.task,
        classes: this.resolved.classes,
        members: this.resolved.members.map((m) => m.name),
        rows: labels.length,
        width: this.width,
        unknownLabels: this.unknown,
        spec: ran.spec,
        baseDir: ran.baseDir,
        models: ran.models.map(({ member, info }) => ({ member, info })),
      },
      labels,
      members: this.members.map((m) => m.view()),
    });
  }

  labelsForTask(): Int32Array | Float64Array {
    const labels = this.labels.view();
    return this.resolved.task === 'classification' ? Int32Array.from(labels) : labels.slice();
  }

  finish(ensembleOverride?: Float64Array, trajectory?: TrajectoryPlot): CollectedEvaluation {
    const result = evaluateEnsemble({
      task: this.resolved.task,
      classes: this.resolved.classes,
      labels: this.labelsForTask(),
      members: this.resolved.members.map((m, i) => ({ name: m.name, scores: this.members[i]!.view() })),
      ensemble: ensembleOverride ?? this.ensemble.view(),
      unknownLabels: this.unknown,
      trajectory,
    });
    return { result, ...historyRows(result) };
  }
}

/** Flat metric rows (scope = 'ensemble' or a member name) and the plots as an artifact. */
export function historyRows(result: EvaluationResult): {
  metrics: MetricRow[];
  artifacts: Record<string, unknown>;
} {
  const metrics: MetricRow[] = [];
  const add = (scope: string, set: MetricSet) => {
    for (const [name, value] of Object.entries(set)) metrics.push({ scope, name, value });
  };
  add('ensemble', result.metrics.ensemble);
  for (const [member, set] of Object.entries(result.metrics.members)) add(member, set);
  const { metrics: _metrics, ...plots } = result;
  return { metrics, artifacts: { evaluation: plots } };
}
