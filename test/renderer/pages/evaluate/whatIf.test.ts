import { describe, expect, it } from 'vitest';
import { whatIfRequest } from '../../../../renderer/src/pages/evaluate/whatIfRequest';
import { metricDelta } from '../../../../renderer/src/pages/evaluate/whatIfDelta';

describe('the what-if panel', () => {
  it('asks with nothing changed first, then the dropped members, weights and combiner', () => {
    expect(whatIfRequest(7, null)).toEqual({ runId: 7, drop: [] });
    const request = whatIfRequest(7, {
      combiner: 'median',
      members: [
        { name: 'a', weight: '2', dropped: false },
        { name: 'b', weight: '1', dropped: true },
        { name: 'c', weight: 'x', dropped: false },
      ],
    });
    expect(request).toEqual({ runId: 7, drop: ['b'], weights: { a: 2 }, combiner: 'median' });
  });

  it('leaves out a combiner it cannot offer (stacking needs refitting)', () => {
    expect(whatIfRequest(1, { combiner: 'stacking', members: [] })).toEqual({
      runId: 1,
      drop: [],
      weights: {},
    });
  });

  it('colours a change by the metric’s direction', () => {
    expect(metricDelta('accuracy', 0.9, 0.95).verdict).toBe('better');
    expect(metricDelta('log_loss', 0.1, 0.15).verdict).toBe('worse');
    expect(metricDelta('log_loss', 0.1, 0.1)).toEqual({ delta: 0, verdict: 'same' });
    expect(metricDelta('accuracy', null, 0.9)).toEqual({ delta: null, verdict: 'same' });
  });
});
