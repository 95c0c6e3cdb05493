/** Shape checks for the row-major probability matrices the monitor reads. */
import { StudioError } from '../../contract/errors';

/** Rows of a row-major N×C matrix, refusing a class count that does not divide its length. */
export function rowCount(length: number, classCount: number, what: string): number {
  if (!Number.isInteger(classCount) || classCount < 1 || length % classCount !== 0) {
    throw new StudioError(
      'bad_input',
      `${what}: ${length} values are not whole rows of ${classCount} classes`,
    );
  }
  return length / classCount;
}
