/** Asking before the builder's unsaved work is replaced (opening a spec, re-running a past run). */
import type { ConfirmRequest } from '../components/ConfirmDialog';
import type { EnsembleDraft } from '../draft';

/** Whether replacing the draft would lose work: changed since saved, and not empty. */
export function draftHasUnsavedWork(draft: EnsembleDraft): boolean {
  return draft.dirty && draft.members.length > 0;
}

/**
 * True when the draft may be replaced: nothing unsaved, or the analyst said so. `what` finishes
 * "… replaces it", e.g. "Opening demo.ensemble.json".
 */
export async function mayReplaceDraft(
  confirm: (request: ConfirmRequest) => Promise<boolean>,
  draft: EnsembleDraft,
  what: string,
): Promise<boolean> {
  if (!draftHasUnsavedWork(draft)) return true;
  return confirm({
    title: 'Discard unsaved changes?',
    message: `The ensemble “${draft.name}” has changes that are not saved. ${what} replaces it in the builder.`,
    action: 'Discard changes',
  });
}
