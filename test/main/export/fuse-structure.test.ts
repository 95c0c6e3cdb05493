/** What a fused file holds: names under member prefixes, no ZipMap, its inputs, outputs and metadata. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EnsembleSpec } from '../../../contract/ensemble-spec';
import { StudioError } from '../../../contract/errors';
import { FUSED_KEY } from '../../../main/export/fused-metadata';
import { allNodes, opsetVersion, parseModel, ML_DOMAIN } from '../../../main/model/onnx-proto';
import { SCORING, fuseCase, loadCase } from './corpus-case';

describe('fused model structure', () => {
  it('prefixes every member name, drops ZipMap and records what it was made from', async () => {
    const loaded = await loadCase(join(SCORING, 'binary-soft-int'));
    const fused = fuseCase(loaded);
    const model = parseModel(fused.bytes);
    const graph = model.graph!;
    const nodes = [...allNodes(graph)];
    expect(nodes.some((n) => n.opType === 'ZipMap')).toBe(false);
    const members = ['logreg', 'forest', 'mlp'];
    for (const node of nodes) {
      expect(
        node.output.every(
          (o) =>
            o.startsWith('ensemble/') ||
            members.some((m) => o.startsWith(`${m}/`)) ||
            ['label', 'probabilities'].includes(o),
        ),
      ).toBe(true);
    }
    for (const t of graph.initializer) expect(t.name).toMatch(/^(ensemble|logreg|forest|mlp)\//);

    // One [N,1] input per column, named after it, and the outputs the issue names.
    expect(fused.inputs).toHaveLength(loaded.resolved.columns.size);
    expect(fused.inputs[0]).toEqual({ name: 'mean radius', columns: ['mean radius'], type: 'float32' });
    expect(graph.input.map((i) => i.name)).toEqual(fused.inputs.map((i) => i.name));
    expect(fused.outputs).toEqual(['label', 'probabilities']);

    const meta = Object.fromEntries(model.metadataProps.map((p) => [p.key, p.value]));
    expect(meta[FUSED_KEY]).toBe('1');
    expect(meta['ensemble-studio.app-version']).toBe('test');
    expect(JSON.parse(meta['ensemble-studio.combiner']!)).toEqual({ method: 'soft_vote' });
    expect(JSON.parse(meta['ensemble-studio.weights']!)).toEqual({ logreg: 2, forest: 1, mlp: 1 });
    expect(JSON.parse(meta['ensemble-studio.classes']!)).toEqual(['0', '1']);
    expect(meta['ensemble-studio.label-type']).toBe('int64');
    const recorded = JSON.parse(meta['ensemble-studio.members']!) as { name: string; sha256: string }[];
    expect(recorded.map((m) => [m.name, m.sha256])).toEqual(
      members.map((name) => [name, loaded.models.get(name)!.info.sha256]),
    );
    // Highest default opset and ai.onnx.ml of the members; IR version of the newest member.
    expect(opsetVersion(model, '')).toBe(15);
    expect(opsetVersion(model, ML_DOMAIN)).toBe(1);
    expect(Number(model.irVersion)).toBe(8);
  });

  it('labels are strings when the classes are not all integers', async () => {
    const loaded = await loadCase(join(SCORING, 'multiclass-string-labels'));
    const model = parseModel(fuseCase(loaded, 'matrix').bytes);
    const meta = Object.fromEntries(model.metadataProps.map((p) => [p.key, p.value]));
    expect(meta['ensemble-studio.label-type']).toBe('string');
    expect(meta['ensemble-studio.input-layout']).toBe('matrix');
    expect(model.graph!.input.map((i) => i.name)).toEqual(['features']);
  });

  it('refuses rank_mean, which ranks over the whole file', async () => {
    const loaded = await loadCase(join(SCORING, 'binary-soft-int'), undefined, (spec: EnsembleSpec) => ({
      ...spec,
      combiner: { method: 'rank_mean' },
    }));
    expect(() => fuseCase(loaded)).toThrow(/rank_mean/);
  });

  it('refuses a column named like a value inside the fused model', async () => {
    const loaded = await loadCase(join(SCORING, 'binary-soft-int'));
    const columns = new Map(
      [...loaded.resolved.columns].map(([name, type]) => [
        name === 'mean radius' ? 'probabilities' : name,
        type,
      ]),
    );
    const members = loaded.resolved.members.map((m) => ({
      ...m,
      feeds: m.feeds.map((f) => ({
        ...f,
        columns: f.columns.map((c) => (c === 'mean radius' ? 'probabilities' : c)),
      })),
    }));
    const error = (() => {
      try {
        fuseCase({ ...loaded, resolved: { ...loaded.resolved, columns, members } });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).message).toMatch(/column 'probabilities'.*matrix/);
  });
});
