/**
 * "Export HTML report…": where the drift page goes, and the button that writes it. The report is
 * written by a monitor run, so exporting runs the same check again with the report path; an
 * existing file is put to the analyst first (useJob).
 */
import { OutputField } from '../../components/OutputField';
import type { ErrorPayload } from '../../types';

interface Props {
  /** What the analyst typed or chose; '' while the path follows the current file's name. */
  edited: string;
  derived: string;
  defaultName: string;
  onChange: (edited: string) => void;
  onExport: () => void;
  /** A monitor run is starting or running. */
  busy: boolean;
  /** A refusal about the report file, shown under the field. */
  error: ErrorPayload | null;
  /** The report path of the finished run, when it wrote one. */
  written: string | null;
}

export function ExportReport(props: Props) {
  const path = (props.edited || props.derived).trim();
  return (
    <div className="export-report">
      <OutputField
        label="HTML report"
        name="monitor-report"
        kind="report"
        edited={props.edited}
        derived={props.derived}
        defaultName={props.defaultName}
        follows="the current file’s name"
        placeholder="/path/to/drift.monitor.html"
        onChange={props.onChange}
        error={props.error}
      />
      <div className="button-row">
        <button type="button" className="secondary" disabled={!path || props.busy} onClick={props.onExport}>
          Export HTML report…
        </button>
        {props.written ? (
          <span className="hint" data-testid="monitor-report-written">
            Report written to {props.written}
          </span>
        ) : null}
      </div>
    </div>
  );
}
