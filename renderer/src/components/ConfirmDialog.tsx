/**
 * Asking before something is replaced or discarded: `const confirm = useConfirm()`, then
 * `if (await confirm({ title, message, action })) …`. One modal dialog in the page (not the
 * browser's own), so it reads like the rest of the app and keyboard focus stays inside it.
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

export interface ConfirmRequest {
  title: string;
  message: ReactNode;
  /** The confirming button's words ("Replace", "Discard changes"). */
  action: string;
}

type Ask = (request: ConfirmRequest) => Promise<boolean>;

const ConfirmContext = createContext<Ask | null>(null);

export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<(ConfirmRequest & { answer: (ok: boolean) => void }) | null>(null);
  const ask = useCallback<Ask>(
    (request) =>
      new Promise<boolean>((resolve) => {
        setPending({
          ...request,
          answer: (ok) => {
            setPending(null);
            resolve(ok);
          },
        });
      }),
    [],
  );
  return (
    <ConfirmContext.Provider value={ask}>
      {children}
      {pending ? <ConfirmDialog request={pending} onAnswer={pending.answer} /> : null}
    </ConfirmContext.Provider>
  );
}

export function useConfirm(): Ask {
  const ask = useContext(ConfirmContext);
  if (!ask) throw new Error('useConfirm outside ConfirmProvider');
  return ask;
}

function ConfirmDialog({ request, onAnswer }: { request: ConfirmRequest; onAnswer: (ok: boolean) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-message"
      onCancel={(e) => {
        e.preventDefault();
        onAnswer(false);
      }}
    >
      <h2 id="confirm-title">{request.title}</h2>
      <div id="confirm-message" className="confirm-message">
        {request.message}
      </div>
      <div className="button-row">
        <button type="button" className="danger" onClick={() => onAnswer(true)}>
          {request.action}
        </button>
        <button type="button" className="secondary" autoFocus onClick={() => onAnswer(false)}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
