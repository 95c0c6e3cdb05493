/**
 * Which ensemble a page works on: the builder's draft, or a spec file. One radio pair, shared by
 * the pages that take either (Export, Monitor); the spec file's own field stays with the page.
 */
import type { EnsembleDraft } from '../draft';

export function EnsembleSourceChoice({
  name,
  legend,
  draft,
  fromFile,
  onChoose,
}: {
  /** The radio group's name, unique on the page. */
  name: string;
  legend: string;
  draft: EnsembleDraft;
  fromFile: boolean;
  onChoose: (source: 'draft' | 'file') => void;
}) {
  const members = draft.members.length;
  return (
    <fieldset className="radio-group source-choice">
      <legend>{legend}</legend>
      <label className="check">
        <input type="radio" name={name} checked={!fromFile} onChange={() => onChoose('draft')} /> The
        builder’s ensemble: <strong>{draft.name}</strong>
        <span className="muted">
          {' '}
          ({members} member{members === 1 ? '' : 's'}, {draft.combiner}
          {draft.dirty ? ', unsaved changes' : ''})
        </span>
      </label>
      <label className="check">
        <input type="radio" name={name} checked={fromFile} onChange={() => onChoose('file')} /> A spec file
      </label>
    </fieldset>
  );
}
