// What every wizard step receives: the draft, a way to change it, and the errors to show.
import type { Draft } from "./draft";
import type { FieldErrors } from "./draft-rules";

export type StepProps = {
  draft: Draft;
  update(change: (draft: Draft) => Draft): void;
  errors: FieldErrors;
  isEditing: boolean;
};
