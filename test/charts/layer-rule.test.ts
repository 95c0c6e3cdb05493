/** charts/ is shared by the engine and the renderer: lint keeps it free of main/, renderer/ and Node. */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: REPO });

async function errors(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(REPO, 'charts/probe.ts') });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('charts/ layer rule', () => {
  it('refuses main/, renderer/, Node built-ins and the DOM', async () => {
    expect(
      (await errors("import { esc } from '../main/report/svg/text';\nexport const x = esc;\n")).join('\n'),
    ).toMatch(/charts\/ imports only d3/);
    expect(
      await errors("import { fmtNum } from '../renderer/src/format';\nexport const x = fmtNum;\n"),
    ).toHaveLength(1);
    expect(await errors("import { join } from 'node:path';\nexport const x = join;\n")).toHaveLength(1);
    expect(await errors('export const x = document.title;\n')).toHaveLength(1);
  });

  it('takes d3, the contract and its own modules', async () => {
    const ok = await errors(
      "import { scaleLinear } from 'd3-scale';\nimport type { RocPlot } from '../contract/evaluation-types';\nimport { extent } from './scales';\nexport type R = RocPlot;\nexport const x = [scaleLinear, extent];\n",
    );
    expect(ok).toEqual([]);
  });
});
