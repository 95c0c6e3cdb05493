/**
 * Carry an ensemble elsewhere: one fused ONNX file checked against the app (parity report),
 * lighter precision variants of it or of a member (precision report), and the execution provider
 * and thread count that run it fastest on this machine (benchmark). The three parts live in
 * pages/export/; this page picks the ensemble they share.
 */
import { EnsembleSourceChoice } from '../../components/EnsembleSourceChoice';
import { useState } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { PathField } from '../../components/PathField';
import { WeightsBlocked } from '../../components/WeightsBlocked';
import { weightProblems } from '../../builder/weights';
import { ensembleSource, type EnsembleSourceInput } from '../../draft';
import { basename, dirname, stem } from '../../paths';
import { useStore, type ExportForm } from '../../store';
import { getStudio, isDesktop } from '../../studio';
import { errorPayload, type ErrorPayload } from '../../types';
import { FusedExport } from './FusedExport';
import { MigrationCard } from './MigrationCard';
import { PrecisionVariants } from './PrecisionVariants';
import { ProvidersBenchmark } from './ProvidersBenchmark';
import { ServiceCard } from './ServiceCard';
import { slug, type ExportContext } from './shared';

export function ExportPage() {
  const { state, dispatch } = useStore();
  const { exportForm: form, draft } = state;
  const set = (patch: Partial<ExportForm>) => dispatch({ type: 'exportForm', patch });
  const [specError, setSpecError] = useState<ErrorPayload | null>(null);

  const fromFile = form.source === 'file';
  const loaded = fromFile && form.loadedSpec?.path === form.specPath.trim() ? form.loadedSpec : null;
  const ensembleName = fromFile ? (loaded?.name ?? basename(form.specPath)) : draft.name;
  const members = fromFile
    ? (loaded?.members ?? [])
    : draft.members.map((m) => m.name.trim() || stem(m.model));
  // The builder's ensemble runs only with weights Save would accept; a spec file is checked by the engine.
  const badWeights = fromFile ? [] : weightProblems(draft.members);
  const haveEnsemble = fromFile
    ? form.specPath.trim() !== ''
    : draft.members.length > 0 && !badWeights.length;

  // Where outputs go by default (browser only): next to the spec, else next to the data. The
  // desktop app never derives a path: the save and folder dialogs suggest these names instead.
  const native = isDesktop();
  const specDir = fromFile ? dirname(form.specPath) : draft.specPath ? dirname(draft.specPath) : '';
  const ctx: ExportContext = {
    source: (): EnsembleSourceInput =>
      fromFile ? { specPath: form.specPath.trim() } : ensembleSource(draft),
    haveEnsemble,
    members,
    baseDir: native ? '' : specDir || (state.data.path ? dirname(state.data.path) : ''),
    baseName: slug(fromFile ? stem(form.specPath) : draft.name),
    native,
  };

  async function openSpec(path: string) {
    setSpecError(null);
    try {
      const spec = await getStudio()['ensembles.load']({ path });
      set({ loadedSpec: { path, name: spec.spec.name, members: spec.spec.members.map((m) => m.name) } });
    } catch (e) {
      set({ loadedSpec: null });
      setSpecError(errorPayload(e));
    }
  }

  return (
    <section aria-labelledby="export-title" className="page">
      <header className="page-head">
        <h1 id="export-title">Export</h1>
        <p className="lede">
          Carry <strong>{ensembleName || 'an ensemble'}</strong> elsewhere: one ONNX file that plain ONNX
          Runtime runs, checked against this app; lighter precisions; and the fastest provider on this
          machine.
        </p>
      </header>

      <div className="card">
        <h2>Ensemble</h2>
        <EnsembleSourceChoice
          name="export-source"
          legend="Export which ensemble"
          draft={draft}
          fromFile={fromFile}
          onChoose={(source) => set({ source })}
        />
        {fromFile ? (
          <PathField
            label="Ensemble spec (*.ensemble.json)"
            value={form.specPath}
            onChange={(specPath) => set({ specPath })}
            action="Open"
            onAction={(p) => void openSpec(p)}
            mode="open"
            kind="ensemble"
            name="export-spec"
            hint={
              loaded
                ? `${loaded.name}: ${loaded.members.join(', ')}`
                : 'Open it to list its members for the precision variant.'
            }
          />
        ) : null}
        {specError ? <ErrorBox error={specError} title="Could not open the spec" /> : null}
        {!haveEnsemble && !badWeights.length ? (
          <p className="hint">Build an ensemble on the Ensemble page first, or choose a spec file.</p>
        ) : null}
        {badWeights.length ? (
          <p>
            <WeightsBlocked problems={badWeights} testId="export-blocked" />
          </p>
        ) : null}
      </div>

      <FusedExport ctx={ctx} />
      <PrecisionVariants ctx={ctx} />
      <ProvidersBenchmark ctx={ctx} />
      <MigrationCard ctx={ctx} />
      <ServiceCard ctx={ctx} />
    </section>
  );
}
