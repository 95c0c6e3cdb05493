/** Confusion matrix over class indices: rows are true classes, columns predicted (as sklearn). */
export function confusionMatrix(labels: Int32Array, predictions: Int32Array, k: number): number[][] {
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < labels.length; i++) matrix[labels[i]!]![predictions[i]!]! += 1;
  return matrix;
}
