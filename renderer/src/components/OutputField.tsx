/**
 * An output path that is derived from the page's choices until the analyst edits it: the field
 * shows the derived path, says that it follows, and offers to follow again once edited. A start
 * refusal about this file (it exists and was kept, it is one of the inputs) shows right under it.
 */
import { ErrorBox } from './ErrorBox';
import { PathField } from './PathField';
import type { SaveKind } from '../studio';
import type { ErrorPayload } from '../types';

interface Props {
  label: string;
  name: string;
  kind: SaveKind;
  /** What the analyst typed or chose; '' while the path follows the derived one. */
  edited: string;
  derived: string;
  /** The file name the desktop save dialog suggests (the app derives no folders). */
  defaultName: string;
  /** What the derived path follows, for the hint ("the subject and variant"). */
  follows: string;
  onChange: (edited: string) => void;
  error?: ErrorPayload | null;
  placeholder?: string;
}

export function OutputField(props: Props) {
  const { edited, derived } = props;
  const following = !edited;
  const hint = following
    ? derived
      ? `Follows ${props.follows} until you edit it.`
      : undefined
    : derived && edited !== derived
      ? 'Edited by you: it no longer follows the choices above.'
      : undefined;
  return (
    <div className="output-field" data-follows={following ? 'yes' : 'no'}>
      <PathField
        label={props.label}
        value={following ? derived : edited}
        placeholder={props.placeholder}
        onChange={(v) => props.onChange(v === derived ? '' : v)}
        mode="save"
        kind={props.kind}
        defaultName={props.defaultName}
        name={props.name}
        hint={hint}
      />
      {!following && derived && edited !== derived ? (
        <button type="button" className="link small" onClick={() => props.onChange('')}>
          Use the derived name again
        </button>
      ) : null}
      {props.error ? <ErrorBox error={props.error} title="Not started" /> : null}
    </div>
  );
}
