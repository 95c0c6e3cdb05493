import { describe, expect, it } from 'vitest';
import { isAbout, startAskingToReplace } from '../../../renderer/src/components/overwrite';
import type { ErrorPayload } from '../../../renderer/src/types';

const exists: ErrorPayload = {
  code: 'bad_input',
  message: '/o/out.csv already exists: replace it, or choose another file',
};

describe('starting a job that writes a file', () => {
  it('never replaces on the first start; asks, naming the file, and replaces only on yes', async () => {
    const calls: boolean[] = [];
    const asked: string[] = [];
    const start = async (overwrite: boolean) => {
      calls.push(overwrite);
      if (!overwrite) throw exists;
      return 'started';
    };
    const yes = await startAskingToReplace(start, ['/o/out.csv'], async (f) => (asked.push(f), true));
    expect(yes).toEqual({ started: 'started' });
    expect(calls).toEqual([false, true]);
    expect(asked).toEqual(['/o/out.csv']);

    calls.length = 0;
    const no = await startAskingToReplace(start, ['/o/out.csv'], async () => false);
    expect(no).toEqual({ declined: true });
    expect(calls).toEqual([false]);
  });

  it('hands any other refusal back without asking', async () => {
    const refusal: ErrorPayload = {
      code: 'bad_input',
      message: 'The output /d/in.csv is the input /d/in.csv',
    };
    const outcome = await startAskingToReplace(
      async () => {
        throw refusal;
      },
      ['/d/in.csv'],
      async () => {
        throw new Error('must not ask');
      },
    );
    expect(outcome).toEqual({ error: refusal });
    expect(isAbout(refusal, 'output', '/d/in.csv')).toBe(true);
    expect(isAbout({ ...refusal, location: { field: 'check' } }, 'output', '/d/in.csv')).toBe(false);
  });
});
