// An API problem in the invitee's language: its stable code picks the
// sentence; a code the catalogue does not know shows the server's (English) detail.
import { isProblem } from "../../api/client";
import type { Messages } from "./en";

export function problemText(t: Messages, error: unknown): string {
  if (isProblem(error) && Object.hasOwn(t.problems, error.code)) return t.problems[error.code as keyof Messages["problems"]];
  return error instanceof Error ? error.message : t.failedBody;
}
