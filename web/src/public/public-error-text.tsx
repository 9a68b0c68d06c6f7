// An API error on a public page, in the invitee's language (by its problem code).
import { useI18n } from "./i18n/i18n";
import { problemText } from "./i18n/problem-text";

export function PublicErrorText({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p className="error-text" role="alert">
      {problemText(t, error)}
    </p>
  );
}
