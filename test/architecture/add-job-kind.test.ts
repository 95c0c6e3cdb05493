/**
 * docs/ARCHITECTURE.md says a job kind is added by touching three files. This applies the
 * walkthrough's steps, exactly as the page writes them, to a copy of main/ and preload/, then shows
 * the copy typechecks and runs an `echo` job end to end: contract call, engine, a real engine host
 * process, the history and `job.finished`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';

const root = resolve(__dirname, '../..');

interface Step {
  file: string;
  how: { create: true } | { after: string } | { replace: string };
  text: string;
}

/** The walkthrough's steps: each `<!-- step … -->` marker and the code block under it. */
function walkthroughSteps(): Step[] {
  const page = readFileSync(join(root, 'docs/ARCHITECTURE.md'), 'utf8');
  const marker =
    /<!-- step file="([^"]+)" (create|after="([^"]*)"|replace="([^"]*)") -->\s*```ts\n([\s\S]*?)```/g;
  return [...page.matchAll(marker)].map(([, file, , after, replace, text]) => ({
    file: file!,
    how: after !== undefined ? { after } : replace !== undefined ? { replace } : { create: true },
    text: text!,
  }));
}

function applyStep(dir: string, step: Step): void {
  const path = join(dir, step.file);
  if ('create' in step.how) {
    expect(existsSync(path), `${step.file} is new`).toBe(false);
    writeFileSync(path, step.text);
    return;
  }
  const source = readFileSync(path, 'utf8');
  const anchor = 'after' in step.how ? step.how.after : step.how.replace;
  expect(source.split(anchor).length - 1, `"${anchor}" once in ${step.file}`).toBe(1);
  if ('replace' in step.how) {
    writeFileSync(path, source.replace(anchor, step.text.trimEnd()));
  } else {
    const lineEnd = source.indexOf('\n', source.indexOf(anchor)) + 1;
    writeFileSync(path, source.slice(0, lineEnd) + step.text + source.slice(lineEnd));
  }
}

interface CopiedEngine {
  handlers: Record<string, (input: unknown) => Promise<{ jobId: string; runId: number }>>;
  waitForJob(jobId: string): Promise<unknown>;
  close(): Promise<void>;
}

describe('adding a job kind as docs/ARCHITECTURE.md shows', () => {
  const tmp = makeTempDir('es-add-kind-');
  const steps = walkthroughSteps();

  beforeAll(() => {
    for (const folder of ['main', 'preload', 'contract', 'charts'])
      cpSync(join(root, folder), join(tmp.dir, folder), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(tmp.dir, 'node_modules'), 'dir');
    cpSync(join(root, 'tsconfig.base.json'), join(tmp.dir, 'tsconfig.base.json'));
    writeFileSync(
      join(tmp.dir, 'tsconfig.json'),
      JSON.stringify({
        extends: './tsconfig.base.json',
        compilerOptions: { lib: ['ES2023'], types: ['node'] },
        include: ['main/**/*.ts', 'preload/**/*.ts', 'contract/**/*.ts', 'charts/**/*.ts'],
      }),
    );
    for (const step of steps) applyStep(tmp.dir, step);
  });
  afterAll(() => tmp.cleanup());

  it('touches three files: the contract, the kind module and the registry', () => {
    expect(new Set(steps.map((s) => s.file))).toEqual(
      new Set(['contract/contract.ts', 'main/jobs/kinds/echo.ts', 'main/jobs/kinds/index.ts']),
    );
  });

  it('typechecks', () => {
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const run = () =>
      execFileSync(process.execPath, [tsc, '-p', join(tmp.dir, 'tsconfig.json'), '--noEmit'], {
        cwd: tmp.dir,
        encoding: 'utf8',
      });
    expect(() => {
      try {
        run();
      } catch (error) {
        throw new Error(String((error as { stdout?: unknown }).stdout));
      }
    }).not.toThrow();
  });

  it('runs an echo job through the engine, a real host process and the history', async () => {
    // The copy's engine serves a call the repository's own types do not know: typed here by hand.
    const copy: { createEngine(options: { historyPath: string }): Promise<CopiedEngine> } = await import(
      pathToFileURL(join(tmp.dir, 'main/engine/create-engine.ts')).href
    );
    const engine = await copy.createEngine({ historyPath: join(tmp.dir, 'history.sqlite') });
    try {
      const started = await engine.handlers['jobs.echo']!({
        ensemble: { specPath: join(root, 'resources/demo/demo.ensemble.json') },
      });
      const finished = await engine.waitForJob(started.jobId);
      expect(finished).toMatchObject({
        status: 'succeeded',
        result: { kind: 'echo', rows: 0, runId: started.runId },
      });
      const runs = await engine.handlers['history.list']!({ limit: 10 });
      expect(runs).toMatchObject([{ id: started.runId, kind: 'echo', status: 'succeeded' }]);
    } finally {
      await engine.close();
    }
  });
});
