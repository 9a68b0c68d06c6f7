// A labelled form field with its hint and error wired for screen readers
// (aria-describedby, aria-invalid), and the field errors of a problem+json answer.
import type { ReactNode } from "react";
import { ApiProblem } from "../api/client";

export type ControlProps = { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined };

/** The element id of a field key ("week.1.0.end" → "f-week-1-0-end"), for labels and focusing the first error. */
export function fieldId(key: string): string {
  return `f-${key.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
}

export function Field({
  name,
  label,
  hint,
  error,
  optional,
  children,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {optional ? <span className="muted field-optional"> (optional)</span> : null}
      </label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error ? (
        <p className="error-text" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export type FieldProblem = { path: string; message: string };

/** The `errors` list of a VALIDATION_FAILED / INVALID_* problem, with the "body." prefix of request validation removed. */
export function problemFieldErrors(error: unknown): FieldProblem[] {
  if (!(error instanceof ApiProblem) || !Array.isArray(error.body.errors)) return [];
  return (error.body.errors as unknown[])
    .filter((item): item is FieldProblem => typeof item === "object" && item !== null && typeof (item as FieldProblem).path === "string")
    .map((item) => ({ path: item.path.replace(/^body\.?/, ""), message: String(item.message ?? "is not valid") }));
}

/** Moves focus to the first field with an error, in the order the keys are given. */
export function focusFirstError(keys: string[]) {
  for (const key of keys) {
    const element = document.getElementById(fieldId(key));
    if (element) {
      element.focus();
      return;
    }
  }
}
