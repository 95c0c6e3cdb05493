import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../contract/errors';
import { greedySelection } from '../../../main/optimize/greedy';
import { expectClose, loadFixture } from '../evaluate/fixtures';

interface GreedyCase {
  name: string;
  task: 'classification' | 'regression';
  classes?: number;
  size: number;
  labels: number[];
  members: number[][];
  weights: number[];
  order: number[];
  trajectory: number[];
}

const { cases } = loadFixture<{ cases: GreedyCase[] }>('greedy.json');

describe('greedy selection reproduces auto-sklearn EnsembleSelection exactly', () => {
  for (const c of cases) {
    it(c.name, () => {
      const classification = c.task === 'classification';
      const result = greedySelection({
        task: c.task,
        ...(classification ? { classes: Array.from({ length: c.classes! }, (_, i) => String(i)) } : {}),
        labels: classification ? Int32Array.from(c.labels) : Float64Array.from(c.labels),
        members: c.members.map((m) => Float64Array.from(m)),
        size: c.size,
      });
      expect(result.weights).toEqual(c.weights); // exactly, bit for bit
      expect(result.trajectory.map((t) => t.member)).toEqual(c.order);
      result.trajectory.forEach((t, i) => expectClose(t.loss, c.trajectory[i]!, 1e-12, `round ${i + 1}`));
      expect(result.metric).toBe(classification ? 'log_loss' : 'rmse');
    });
  }

  it('sends ties to the lowest member index', () => {
    const labels = Int32Array.from({ length: 40 }, (_, i) => i % 2);
    const p = Float64Array.from({ length: 80 }, (_, i) => (i % 2 === 0 ? 0.3 : 0.7));
    const result = greedySelection({
      task: 'classification',
      classes: ['0', '1'],
      labels,
      members: [p, p, p],
      size: 5,
    });
    expect(result.counts).toEqual([5, 0, 0]);
  });

  it('refuses a hold-out set that is too small or has a single class', () => {
    const p = Float64Array.from({ length: 20 }, () => 0.5);
    expect(() =>
      greedySelection({
        task: 'classification',
        classes: ['a', 'b'],
        labels: new Int32Array(10),
        members: [p],
      }),
    ).toThrow(/has 10 labelled rows; greedy selection needs at least 20/);
    const q = Float64Array.from({ length: 60 }, () => 0.5);
    expect(() =>
      greedySelection({
        task: 'classification',
        classes: ['a', 'b'],
        labels: new Int32Array(30),
        members: [q],
      }),
    ).toThrow(StudioError);
    expect(() =>
      greedySelection({
        task: 'classification',
        classes: ['a', 'b'],
        labels: new Int32Array(30),
        members: [q],
      }),
    ).toThrow(/single class \("a"\)/);
  });
});
