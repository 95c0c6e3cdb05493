/**
 * Members with different default-domain opsets: fused at the highest when none of a member's
 * operators changed meaning in between, otherwise refused naming both members and both versions.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../contract/errors';
import { changedBetween, DEFAULT_DOMAIN_CHANGES } from '../../../main/export/opset-changes';
import { parseModel, serializeModel } from '../../../main/model/onnx-proto';
import { SCORING, fuseCase, loadCase } from './corpus-case';

describe('opset reconciliation', () => {
  it('fuses members at opsets 13 (forest), 14 (mlp) and 15 (logreg) at 15', async () => {
    const loaded = await loadCase(join(SCORING, 'binary-soft-int'));
    const opsets = [...loaded.models.values()].map(
      (m) => m.info.opsets.find((o) => o.domain === '')!.version,
    );
    expect(opsets.sort()).toEqual([13, 14, 15]);
    const model = parseModel(fuseCase(loaded).bytes);
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toContainEqual(['', 15]);
    // Its numbers are checked against scikit-learn in fuse-corpus.test.ts.
  });

  it('refuses a member whose operator changed meaning between the two versions, naming both', async () => {
    const loaded = await loadCase(join(SCORING, 'binary-soft-int'));
    // The MLP ends in Softmax, whose semantics changed at opset 13: as an opset-12 model it cannot
    // be imported at logreg's 15.
    const mlp = loaded.models.get('mlp')!;
    const old = parseModel(mlp.bytes);
    old.opsetImport.find((o) => o.domain === '')!.version = 12n;
    const models = new Map(loaded.models).set('mlp', { ...mlp, bytes: serializeModel(old) });
    let error: unknown;
    try {
      fuseCase({ ...loaded, models });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StudioError);
    const message = (error as StudioError).message;
    expect((error as StudioError).code).toBe('model');
    expect(message).toContain("member 'mlp' (default-domain opset 12)");
    expect(message).toContain("member 'logreg' (default-domain opset 15)");
    expect(message).toContain('Softmax');
    expect(message).toContain('changed at opset 13');
  });

  it('knows which operators changed between 13 and 15', () => {
    expect(changedBetween(DEFAULT_DOMAIN_CHANGES, 'BatchNormalization', 13, 15)).toBe(14);
    expect(changedBetween(DEFAULT_DOMAIN_CHANGES, 'Softmax', 13, 15)).toBeNull();
    expect(changedBetween(DEFAULT_DOMAIN_CHANGES, 'Gemm', 7, 21)).toBeNull();
    expect(changedBetween(DEFAULT_DOMAIN_CHANGES, 'Split', 13, 18)).toBe(18);
  });
});
