import type { ReactNode } from "react";

/** A full-width message card: friendly screens (used link, no free time) and errors. */
export function Notice({ tone = "neutral", title, children, role }: { tone?: "neutral" | "warning" | "danger" | "success"; title: string; children?: ReactNode; role?: "alert" | "status" }) {
  return (
    <section className={`notice notice-${tone}`} role={role} aria-labelledby={undefined}>
      <h2 className="notice-title">{title}</h2>
      {children}
    </section>
  );
}

/** An inline error from the API or from validation, announced to screen readers. */
export function ErrorText({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <p className="error-text" role="alert">
      {message}
    </p>
  );
}
