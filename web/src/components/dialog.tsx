// Modal dialogs on the native <dialog>: the browser traps focus, closes on
// Escape and returns focus to the opener. ConfirmDialog asks before a change
// that cannot be undone and shows the API's answer if it fails.
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { ErrorText } from "./notice";
import "./dialog.css";

export function Dialog({ isOpen, onClose, title, children }: { isOpen: boolean; onClose: () => void; title: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) dialog.showModal();
    if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose}>
      {isOpen && (
        <div className="dialog-body">
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          {children}
        </div>
      )}
    </dialog>
  );
}

type ConfirmProps = {
  isOpen: boolean;
  onClose: () => void;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  tone?: "danger" | "primary";
  /** Runs on confirm; the dialog closes when it resolves and shows the error when it throws. */
  onConfirm: () => Promise<unknown>;
};

export function ConfirmDialog({ isOpen, onClose, title, children, confirmLabel, cancelLabel = "Keep it", tone = "danger", onConfirm }: ConfirmProps) {
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  return (
    <Dialog isOpen={isOpen} onClose={close} title={title}>
      {children}
      <ErrorText error={error} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={close} disabled={isPending}>
          {cancelLabel}
        </button>
        <button
          type="button"
          className={`button ${tone}`}
          disabled={isPending}
          onClick={async () => {
            setPending(true);
            setError(null);
            try {
              await onConfirm();
              close();
            } catch (cause) {
              setError(cause);
            } finally {
              setPending(false);
            }
          }}
        >
          {isPending ? "Working…" : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
