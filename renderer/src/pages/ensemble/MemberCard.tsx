/**
 * One member of the ensemble being built: name, weight (checked on the field), output, classes and
 * the mapping of data columns to each model input, with the check's problems next to what they
 * are about.
 */
import { ColumnPicker } from '../../components/ColumnPicker';
import { ErrorBox } from '../../components/ErrorBox';
import { weightFieldProblem } from '../../builder/weights';
import { splitList, type MemberDraft } from '../../draft';
import { basename } from '../../paths';
import { OUTPUT_KINDS, type ErrorPayload, type ModelInfo, type OutputKind } from '../../types';

interface MemberCardProps {
  member: MemberDraft;
  model: ModelInfo | undefined;
  columns: string[];
  labelColumn: string;
  problems: ErrorPayload[];
  resolved: { inputs: Record<string, string[]>; output: string; outputKind: string } | undefined;
  onChange: (patch: Partial<MemberDraft>) => void;
  onRemove: () => void;
  onAuto: () => void;
}

export function MemberCard(props: MemberCardProps) {
  const { member: m, model, columns, problems, resolved, onChange } = props;
  const inputs = m.inputs.length
    ? m.inputs
    : (model?.inputs.map((i) => ({ input: i.name, columns: '' })) ?? []);
  const inputNames = new Set(inputs.map((i) => i.input));
  // Problems about one input are shown under that input; the rest under the member.
  const memberProblems = problems.filter((p) => !p.location?.input || !inputNames.has(p.location.input));
  const weightProblem = weightFieldProblem(m.weight);
  const weightId = `weight-${m.key}`;
  const setColumns = (idx: number, text: string) =>
    onChange({ inputs: inputs.map((x, j) => (j === idx ? { ...x, columns: text } : x)) });
  return (
    <li
      className={`member-card${problems.length || weightProblem ? ' has-problems' : ''}`}
      aria-label={`Member ${m.name}`}
    >
      <div className="member-head">
        <label className="member-name">
          <span className="sr-only">Member name</span>
          <input
            type="text"
            value={m.name}
            onChange={(e) => onChange({ name: e.target.value })}
            aria-label="Member name"
          />
        </label>
        <span className="mono small muted member-model" title={m.model}>
          {basename(m.model)}
          {model ? ` · ${model.detected.task ?? '?'}` : ' · not imported'}
        </span>
        <button
          type="button"
          className="icon-button"
          onClick={props.onRemove}
          aria-label={`Remove member ${m.name}`}
        >
          ✕
        </button>
      </div>
      <div className="form-grid member-grid">
        <label>
          Weight
          <input
            type="text"
            inputMode="decimal"
            value={m.weight}
            onChange={(e) => onChange({ weight: e.target.value })}
            aria-label={`Weight of ${m.name}`}
            aria-invalid={weightProblem ? true : undefined}
            aria-describedby={weightProblem ? weightId : undefined}
          />
          {weightProblem ? (
            <span className="field-error" id={weightId} role="alert">
              {weightProblem}
            </span>
          ) : null}
        </label>
        <label>
          Output
          <select value={m.output} onChange={(e) => onChange({ output: e.target.value })}>
            <option value="">
              auto{model?.detected.scoreOutput ? ` (${model.detected.scoreOutput})` : ''}
            </option>
            {model?.outputs.map((o) => (
              <option key={o.name} value={o.name}>
                {o.name} — {o.display}
              </option>
            ))}
          </select>
        </label>
        <label>
          Output kind
          <select
            value={m.outputKind}
            onChange={(e) => onChange({ outputKind: e.target.value as OutputKind | '' })}
          >
            <option value="">auto{model?.detected.scoreKind ? ` (${model.detected.scoreKind})` : ''}</option>
            {OUTPUT_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label>
          Classes
          <input
            type="text"
            value={m.classes}
            placeholder={model?.detected.classes?.join(', ') ?? 'from the model'}
            onChange={(e) => onChange({ classes: e.target.value })}
          />
        </label>
      </div>
      <fieldset className="mapping">
        <legend>
          Input mapping{' '}
          <button type="button" className="link small" onClick={props.onAuto} disabled={!model}>
            Map automatically
          </button>
        </legend>
        {inputs.length === 0 ? <p className="hint">Import this member’s model to see its inputs.</p> : null}
        {inputs.map((mapping, idx) => (
          <MappingRow
            key={mapping.input}
            member={m.name}
            input={mapping.input}
            text={mapping.columns}
            signature={model?.inputs.find((i) => i.name === mapping.input)}
            columns={columns}
            labelColumn={props.labelColumn}
            problems={problems.filter((p) => p.location?.input === mapping.input)}
            onChange={(text) => setColumns(idx, text)}
          />
        ))}
      </fieldset>
      {resolved ? (
        <p className="small muted">
          Resolved: output <code>{resolved.output}</code> as {resolved.outputKind};{' '}
          {Object.entries(resolved.inputs)
            .map(([k, v]) => `${k} ← ${v.length} column${v.length === 1 ? '' : 's'}`)
            .join('; ')}
        </p>
      ) : null}
      {memberProblems.map((p, i) => (
        <ErrorBox key={i} error={p} title={`Problem with ${m.name}`} />
      ))}
    </li>
  );
}

function MappingRow(props: {
  member: string;
  input: string;
  text: string;
  signature: ModelInfo['inputs'][number] | undefined;
  columns: string[];
  labelColumn: string;
  problems: ErrorPayload[];
  onChange: (text: string) => void;
}) {
  const { member, input, text, signature: sig, columns } = props;
  const known = new Set(columns);
  const cols = splitList(text);
  const unknown = known.size ? cols.filter((c) => !known.has(c)) : [];
  const width = sig?.shape?.[sig.shape.length - 1];
  const wrongWidth = typeof width === 'number' && cols.length > 0 && cols.length !== width;
  return (
    <div className="mapping-row">
      <div className="mapping-input">
        <code>{input}</code>
        <span className="small muted">{sig?.display ?? ''}</span>
      </div>
      <textarea
        rows={cols.length > 6 ? 3 : 1}
        value={text}
        placeholder={known.has(input) ? `${input} (same name)` : 'column, column, …'}
        aria-label={`Columns for input ${input} of ${member}`}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <div className="mapping-side">
        <span className={`small ${wrongWidth ? 'error-text' : 'muted'}`}>
          {cols.length} col{cols.length === 1 ? '' : 's'}
          {typeof width === 'number' ? ` / ${width}` : ''}
          {unknown.length
            ? ` · unknown: ${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? '…' : ''}`
            : ''}
        </span>
        {columns.length ? (
          <details className="column-picker">
            <summary>Pick and order columns</summary>
            <ColumnPicker
              subject={`${input} of ${member}`}
              chosen={cols}
              columns={columns}
              labelColumn={props.labelColumn}
              onChange={(chosen) => props.onChange(chosen.join(', '))}
            />
          </details>
        ) : null}
      </div>
      {props.problems.map((p, i) => (
        <div key={i} className="mapping-problem">
          <ErrorBox error={p} title={`Problem with ${input} of ${member}`} />
        </div>
      ))}
    </div>
  );
}
