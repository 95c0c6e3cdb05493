/**
 * Whether a labelled hold-out set can support a weight search or a stacking fit. Both learn from
 * the hold-out rows only, so a tiny or one-class set gives weights that mean nothing; we refuse
 * it with a message that says what is missing rather than return such weights.
 */
import { StudioError } from '../../contract/errors';

/** Fewer rows than this and the loss differences the search relies on are mostly noise. */
export const MIN_HOLDOUT_ROWS = 20;
/** Stacking: a class with fewer rows than this cannot be learnt by the meta-model. */
export const MIN_ROWS_PER_CLASS = 2;

export interface HoldoutCheck {
  /** 'greedy' or 'stacking', for the message. */
  method: string;
  /** Class labels (classification); absent for regression. */
  classes?: readonly string[];
  labels: Int32Array | Float64Array;
  /** Require every class to have MIN_ROWS_PER_CLASS rows (stacking learns one row of coef per class). */
  everyClass?: boolean;
}

export function checkHoldout(check: HoldoutCheck): void {
  const rows = check.labels.length;
  if (rows < MIN_HOLDOUT_ROWS) {
    throw new StudioError(
      'bad_input',
      `the hold-out data has ${rows} labelled row${rows === 1 ? '' : 's'}; ${check.method} needs at least ${MIN_HOLDOUT_ROWS}`,
    );
  }
  if (!check.classes) return;
  const counts = new Array<number>(check.classes.length).fill(0);
  for (const c of check.labels) counts[c]!++;
  const present = counts.filter((n) => n > 0).length;
  if (present < 2) {
    const only = check.classes[counts.findIndex((n) => n > 0)];
    throw new StudioError(
      'bad_input',
      `the hold-out data has a single class ("${only}"); ${check.method} needs labelled rows of at least two classes`,
    );
  }
  if (check.everyClass) {
    const short = check.classes
      .map((name, c) => ({ name, n: counts[c]! }))
      .filter(({ n }) => n < MIN_ROWS_PER_CLASS)
      .map(({ name, n }) => `"${name}" (${n})`);
    if (short.length > 0) {
      throw new StudioError(
        'bad_input',
        `the hold-out data has fewer than ${MIN_ROWS_PER_CLASS} rows of class ${short.join(', ')}; ` +
          `${check.method} needs at least ${MIN_ROWS_PER_CLASS} rows of every ensemble class`,
      );
    }
  }
}
