/**
 * Which curves and matrices an evaluation's charts show, chosen once for the React charts and the
 * HTML report alike. Everything here is data: names, points, emphasis; colours, sizes and markup
 * are the drawing side's business.
 */
import type { CalibrationPlot, EvaluationPlots, PerModel, RocPlot } from '../contract/evaluation-types';
import type { Point } from './scales';

/** The key of the ensemble among the models of a PerModel value. */
export const ENSEMBLE = 'ensemble';

export interface CurveSeries {
  /** 'ensemble', a member's name, or a class name (one-vs-rest views). */
  key: string;
  /** The legend text. */
  name: string;
  points: Point[];
  /** The ensemble: drawn heavier and on top. */
  emphasis: boolean;
}

/** The classes a curve can be drawn for (the positive class of each ROC curve), in result order. */
export function curveClasses(plots: EvaluationPlots): string[] {
  return (
    plots.roc?.ensemble.map((c) => c.className) ?? plots.calibration?.ensemble.map((c) => c.className) ?? []
  );
}

/** `wanted` when curves exist for it, else the first class (binary: the positive class). */
export function chosenClass(plots: EvaluationPlots, wanted?: string): string {
  const classes = curveClasses(plots);
  return wanted !== undefined && classes.includes(wanted) ? wanted : (classes[0] ?? '');
}

/** The ensemble first, then the members in result order. */
function models<T>(perModel: PerModel<T>): [string, T][] {
  return [[ENSEMBLE, perModel.ensemble], ...Object.entries(perModel.members)];
}

function modelName(key: string): string {
  return key === ENSEMBLE ? 'Ensemble' : key;
}

function withAuc(name: string, auc: number | null): string {
  return auc === null || !Number.isFinite(auc) ? name : `${name} (AUC ${auc.toFixed(3)})`;
}

function rocPoints(c: RocPlot): Point[] {
  return c.fpr.map((f, i) => [f, c.tpr[i] ?? Number.NaN] as const);
}

/**
 * Calibration points: one per bin that holds rows. An empty bin has no fraction of positives to
 * show, so it gets no point (a count of 0, or a null/non-finite coordinate, which is what an empty
 * bin looks like in a stored result); its neighbours are joined straight across it, as
 * scikit-learn's CalibrationDisplay draws them, and the markers show where measurements exist.
 */
export function calibrationPoints(c: CalibrationPlot): Point[] {
  const out: Point[] = [];
  c.probPred.forEach((predicted, i) => {
    const observed = c.probTrue[i];
    const rows = c.counts[i];
    if (rows !== undefined && !(rows > 0)) return;
    if (typeof predicted !== 'number' || !Number.isFinite(predicted)) return;
    if (typeof observed !== 'number' || !Number.isFinite(observed)) return;
    out.push([predicted, observed]);
  });
  return out;
}

/** ROC curves of the ensemble and every member for one positive class; models without it are left out. */
export function rocByModel(roc: PerModel<RocPlot[]>, className: string): CurveSeries[] {
  return models(roc).flatMap(([key, curves]) => {
    const c = curves.find((x) => x.className === className);
    return c
      ? [{ key, name: withAuc(modelName(key), c.auc), points: rocPoints(c), emphasis: key === ENSEMBLE }]
      : [];
  });
}

/** The ensemble's one-vs-rest ROC curve per class. */
export function rocOneVsRest(roc: PerModel<RocPlot[]>): CurveSeries[] {
  return roc.ensemble.map((c) => ({
    key: c.className,
    name: withAuc(`${c.className} vs rest`, c.auc),
    points: rocPoints(c),
    emphasis: false,
  }));
}

/** Calibration curves of the ensemble and every member for one positive class. */
export function calibrationByModel(
  calibration: PerModel<CalibrationPlot[]>,
  className: string,
): CurveSeries[] {
  return models(calibration).flatMap(([key, curves]) => {
    const c = curves.find((x) => x.className === className);
    return c ? [{ key, name: modelName(key), points: calibrationPoints(c), emphasis: key === ENSEMBLE }] : [];
  });
}

/** The ensemble's one-vs-rest calibration curve per class. */
export function calibrationOneVsRest(calibration: PerModel<CalibrationPlot[]>): CurveSeries[] {
  return calibration.ensemble.map((c) => ({
    key: c.className,
    name: `${c.className} vs rest`,
    points: calibrationPoints(c),
    emphasis: false,
  }));
}

/** The confusion matrix (rows: true class, columns: predicted class) of one model, if there is one. */
export function confusionOf(plots: EvaluationPlots, model: string = ENSEMBLE): number[][] | null {
  if (!plots.confusion) return null;
  return (model === ENSEMBLE ? plots.confusion.ensemble : plots.confusion.members[model]) ?? null;
}

/** Each cell's share of its row (the true class); null in a row without rows. */
export function rowShares(matrix: readonly (readonly number[])[]): (number | null)[][] {
  return matrix.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (total > 0 ? v / total : null));
  });
}
