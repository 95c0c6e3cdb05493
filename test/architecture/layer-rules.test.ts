/**
 * The layer rules are lint rules (eslint.config.js): this proves each one fires on a violating
 * import, and stays quiet on an allowed one, by linting snippets as if they were files in place.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: REPO });

async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(REPO, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('contract/ may not import from main/, renderer/ or preload/', async () => {
    const fromMain = await importErrors(
      'contract/probe.ts',
      "import { toErrorPayload } from '../main/history/open-history';\nexport const x = toErrorPayload;\n",
    );
    expect(fromMain.join('\n')).toMatch(/contract\/ imports nothing from main/);
    const fromRenderer = await importErrors(
      'contract/probe.ts',
      "import { fmtDate } from '../renderer/src/format';\nexport const x = fmtDate;\n",
    );
    expect(fromRenderer).toHaveLength(1);
    const node = await importErrors(
      'contract/probe.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    );
    expect(node).toHaveLength(1);
  });

  it('contract/ may import zod and its own modules', async () => {
    const ok = await importErrors(
      'contract/probe.ts',
      "import * as z from 'zod';\nimport type { ModelInfo } from './model-types';\nexport const x = z.string();\nexport type M = ModelInfo;\n",
    );
    expect(ok).toEqual([]);
  });

  it('main/jobs may not import main/engine', async () => {
    const errors = await importErrors(
      'main/jobs/probe.ts',
      "import { JobManager } from '../engine/job-manager';\nexport const x = JobManager;\n",
    );
    expect(errors.join('\n')).toMatch(/never imports main\/engine/);
    const fromKinds = await importErrors(
      'main/jobs/kinds/probe.ts',
      "import { createEngine } from '../../engine/create-engine';\nexport const x = createEngine;\n",
    );
    expect(fromKinds).toHaveLength(1);
    const ok = await importErrors(
      'main/jobs/probe.ts',
      "import { appVersion } from '../environment/app-version';\nexport const x = appVersion;\n",
    );
    expect(ok).toEqual([]);
  });

  it('the renderer may not import main/ and takes the contract from contract/', async () => {
    const errors = await importErrors(
      'renderer/src/probe.ts',
      "import { inspectModel } from '../../main/model/inspect';\nexport const x = inspectModel;\n",
    );
    expect(errors).toHaveLength(1);
    const ok = await importErrors(
      'renderer/src/probe.ts',
      "import { contract } from '../../contract/contract';\nexport const x = contract;\n",
    );
    expect(ok).toEqual([]);
  });
});
