import { describe, expect, it } from 'vitest';
import {
  calibrationByModel,
  calibrationOneVsRest,
  calibrationPoints,
  chosenClass,
  confusionOf,
  curveClasses,
  rocByModel,
  rocOneVsRest,
  rowShares,
} from '../../charts/series';
import type { CalibrationPlot, EvaluationPlots, RocPlot } from '../../contract/evaluation-types';

function roc(className: string, auc: number | null): RocPlot {
  return { className, fpr: [0, 0.5, 1], tpr: [0, 0.8, 1], thresholds: [2, 0.5, 0], auc, thinned: false };
}

function calibration(className: string, overrides: Partial<CalibrationPlot> = {}): CalibrationPlot {
  return {
    className,
    probPred: [0.05, 0.45, 0.95],
    probTrue: [0.1, 0.5, 0.9],
    counts: [10, 4, 12],
    bins: [0, 4, 9],
    nBins: 10,
    ...overrides,
  };
}

function plots(): EvaluationPlots {
  return {
    roc: {
      ensemble: [roc('no', 0.9), roc('yes', 0.91234)],
      members: { a: [roc('yes', 0.8)], b: [roc('no', null)] },
    },
    calibration: { ensemble: [calibration('no'), calibration('yes')], members: { a: [calibration('yes')] } },
    confusion: {
      ensemble: [
        [8, 2],
        [1, 9],
      ],
      members: {
        a: [
          [0, 0],
          [3, 7],
        ],
      },
    },
    correlation: {
      names: ['a', 'b'],
      matrix: [
        [1, 0.5],
        [0.5, 1],
      ],
    },
    disagreement: null,
  };
}

describe('curve class', () => {
  it('offers the ROC classes and falls back to the first', () => {
    expect(curveClasses(plots())).toEqual(['no', 'yes']);
    expect(chosenClass(plots(), 'yes')).toBe('yes');
    expect(chosenClass(plots(), 'gone')).toBe('no');
    expect(chosenClass(plots())).toBe('no');
    expect(chosenClass({ ...plots(), roc: null, calibration: null })).toBe('');
  });
});

describe('ROC series', () => {
  it('by model: the ensemble first, then members that have the class', () => {
    const series = rocByModel(plots().roc!, 'yes');
    expect(series.map((s) => [s.key, s.name, s.emphasis])).toEqual([
      ['ensemble', 'Ensemble (AUC 0.912)', true],
      ['a', 'a (AUC 0.800)', false],
    ]);
    expect(series[0]!.points).toEqual([
      [0, 0],
      [0.5, 0.8],
      [1, 1],
    ]);
  });

  it('leaves the AUC out of the name when it is undefined', () => {
    expect(rocByModel(plots().roc!, 'no').map((s) => s.name)).toEqual(['Ensemble (AUC 0.900)', 'b']);
  });

  it('one-vs-rest: the ensemble per class', () => {
    expect(rocOneVsRest(plots().roc!).map((s) => s.name)).toEqual([
      'no vs rest (AUC 0.900)',
      'yes vs rest (AUC 0.912)',
    ]);
  });
});

describe('calibration series', () => {
  it('one point per bin with rows', () => {
    expect(calibrationPoints(calibration('yes'))).toEqual([
      [0.05, 0.1],
      [0.45, 0.5],
      [0.95, 0.9],
    ]);
  });

  it('gives an empty bin no point: a zero count or a null (stored NaN) coordinate', () => {
    const empty = calibration('yes', {
      probPred: [0.05, 0.25, 0.45, 0.95],
      // A stored result writes NaN as null.
      probTrue: [0.1, null as unknown as number, 0.5, 0.9],
      counts: [10, 0, 0, 12],
      bins: [0, 2, 4, 9],
    });
    expect(calibrationPoints(empty)).toEqual([
      [0.05, 0.1],
      [0.95, 0.9],
    ]);
  });

  it('by model and one-vs-rest', () => {
    expect(calibrationByModel(plots().calibration!, 'yes').map((s) => [s.key, s.emphasis])).toEqual([
      ['ensemble', true],
      ['a', false],
    ]);
    expect(calibrationOneVsRest(plots().calibration!).map((s) => s.name)).toEqual([
      'no vs rest',
      'yes vs rest',
    ]);
  });
});

describe('confusion matrix', () => {
  it('picks a model, null when there is none', () => {
    expect(confusionOf(plots())).toEqual([
      [8, 2],
      [1, 9],
    ]);
    expect(confusionOf(plots(), 'a')?.[1]).toEqual([3, 7]);
    expect(confusionOf(plots(), 'b')).toBeNull();
    expect(confusionOf({ ...plots(), confusion: null })).toBeNull();
  });

  it('row shares, null in a row without rows', () => {
    expect(rowShares(confusionOf(plots(), 'a')!)).toEqual([
      [null, null],
      [0.3, 0.7],
    ]);
  });
});
