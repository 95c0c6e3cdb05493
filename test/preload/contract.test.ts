import { describe, expect, it } from 'vitest';
import { parseCallInput } from '../../contract/contract';

const RAW = /ENOENT|EISDIR|\.partial-|Invalid input|wire type/;

function spec(weights: unknown[]) {
  return {
    format: 'ensemble-studio/ensemble@1',
    name: 'blend',
    task: 'classification',
    members: weights.map((weight, i) => ({
      name: ['logreg', 'forest', 'mlp'][i],
      model: `m${i}.onnx`,
      weight,
    })),
    combiner: { method: 'soft_vote' },
  };
}

function failure(input: unknown, call: Parameters<typeof parseCallInput>[0] = 'jobs.score') {
  try {
    parseCallInput(call, input);
  } catch (error) {
    return error as Error & { code: string; location: { field: string }; detail: string };
  }
  throw new Error('expected the input to be refused');
}

const score = (weights: unknown[]) => ({
  ensemble: { spec: spec(weights), baseDir: '/tmp' },
  input: '/tmp/d.csv',
  output: '/tmp/o.csv',
});

describe('parseCallInput', () => {
  it('refuses a negative weight, naming the member', () => {
    const error = failure(score([1, -2]));
    expect(error.code).toBe('bad_input');
    expect(error.message).toContain('"forest"');
    expect(error.message).toContain('-2');
    expect(error.location.field).toBe('ensemble.spec.members.1.weight');
  });

  it('refuses NaN and infinite weights (JSON 1e400 arrives as Infinity), naming the member', () => {
    expect(failure(score([Number.NaN, 1])).message).toContain('"logreg"');
    expect(failure(score([1, 1, JSON.parse('1e400') as number])).message).toContain('"mlp"');
  });

  it('refuses all-zero weights, naming the members', () => {
    const error = failure(score([0, 0]));
    expect(error.message).toContain('every member');
    expect(error.message).toContain('"logreg"');
    expect(error.message).toContain('"forest"');
  });

  it('accepts zero weights beside a positive one, and huge finite weights', () => {
    expect(() => parseCallInput('jobs.score', score([0, 1]))).not.toThrow();
    expect(() => parseCallInput('jobs.score', score([1e308, 1e308, 1e308]))).not.toThrow();
  });

  it('speaks plainly about other fields and keeps the schema text as detail', () => {
    const error = failure({ ...score([1]), threads: 'four' });
    expect(error.message).toMatch(/^threads: /);
    expect(error.message).not.toMatch(RAW);
    expect(error.detail).toContain('jobs.score');
    const missing = failure({ ...score([1]), output: '' });
    expect(missing.message).toContain('a file path is required');
  });

  it('defaults overwrite to false and formula escaping to true', () => {
    const parsed = parseCallInput('jobs.score', score([1]));
    expect(parsed.overwrite).toBe(false);
    expect(parsed.escapeFormulas).toBe(true);
  });
});
