/** The registry lists every job kind of the contract once, each module under its own kind and call schema. */
import { describe, expect, it } from 'vitest';
import { contract, JOB_KINDS } from '../../../contract/contract';
import { jobKinds } from '../../../main/jobs/kinds';

describe('the job-kind registry', () => {
  it('has one module per contract kind, in the contract order', () => {
    expect(Object.keys(jobKinds)).toEqual([...JOB_KINDS]);
  });

  it.each(JOB_KINDS)('%s: the module says its kind and uses its jobs.<kind> call schema', (kind) => {
    expect(jobKinds[kind].kind).toBe(kind);
    expect(jobKinds[kind].schema).toBe(contract[`jobs.${kind}`].input);
  });
});
