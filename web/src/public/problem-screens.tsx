// Friendly full-page answers for links and bookings that cannot be used:
// an expired, used or withdrawn one-time link, a switched-off or unknown link,
// an unknown manage token, or the server being unreachable.
import type { ReactNode } from "react";
import { isProblem, type ProblemCode } from "../api/client";
import { Notice } from "../components/notice";
import type { Messages } from "./i18n/en";
import { LanguageMenu, useI18n } from "./i18n/i18n";
import { problemText } from "./i18n/problem-text";
import { AlertIcon, CheckIcon, ClockIcon } from "./icons";

type Screen = { tone: "neutral" | "warning" | "danger"; title: string; body: ReactNode; icon?: ReactNode };

const LINK_SCREENS: Partial<Record<ProblemCode, (t: Messages) => Screen>> = {
  LINK_EXPIRED: (t) => ({ tone: "warning", icon: <ClockIcon size={28} />, title: t.linkExpiredTitle, body: <p>{t.linkExpiredBody}</p> }),
  LINK_USED: (t) => ({
    tone: "neutral",
    icon: <CheckIcon />,
    title: t.linkUsedTitle,
    body: (
      <>
        <p>{t.linkUsedBody}</p>
        <p>{t.linkUsedHint}</p>
      </>
    ),
  }),
  LINK_REVOKED: (t) => ({ tone: "warning", title: t.linkRevokedTitle, body: <p>{t.linkRevokedBody}</p> }),
  LINK_INACTIVE: (t) => ({ tone: "neutral", title: t.linkInactiveTitle, body: <p>{t.linkInactiveBody}</p> }),
  NOT_FOUND: (t) => ({ tone: "neutral", title: t.linkNotFoundTitle, body: <p>{t.linkNotFoundBody}</p> }),
};

const bookingNotFound = (t: Messages): Screen => ({ tone: "neutral", title: t.bookingNotFoundTitle, body: <p>{t.bookingNotFoundBody}</p> });

function FullPage({ screen, onRetry }: { screen: Screen; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <main className="public-page narrow">
      <div className="page-controls end">
        <LanguageMenu />
      </div>
      <div className={`screen-mark ${screen.tone}`}>{screen.icon ?? <AlertIcon />}</div>
      <Notice tone={screen.tone} title={screen.title} role="alert">
        {screen.body}
        {onRetry && (
          <button type="button" className="button" onClick={onRetry}>
            {t.tryAgain}
          </button>
        )}
      </Notice>
      <p className="powered muted small">{t.poweredBy}</p>
    </main>
  );
}

function unexpected(error: unknown, t: Messages): Screen {
  const offline = isProblem(error, "NETWORK");
  return {
    tone: "danger",
    title: offline ? t.unreachableTitle : t.failedTitle,
    body: <p>{offline ? t.unreachableBody : problemText(t, error)}</p>,
  };
}

/** The screen for a link that answered with a problem. */
export function LinkProblemScreen({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useI18n();
  const known = isProblem(error) ? LINK_SCREENS[error.code] : undefined;
  return known ? <FullPage screen={known(t)} /> : <FullPage screen={unexpected(error, t)} onRetry={onRetry} />;
}

/** Whether a problem means the link itself cannot book (rather than this request failing). */
export function isLinkGone(error: unknown): boolean {
  return isProblem(error, ...(Object.keys(LINK_SCREENS) as ProblemCode[]));
}

const bookingErased = (t: Messages): Screen => ({ tone: "neutral", title: t.bookingErasedTitle, body: <p>{t.bookingErasedBody}</p> });

export function ManageProblemScreen({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useI18n();
  if (isProblem(error, "BOOKING_ERASED")) return <FullPage screen={bookingErased(t)} />;
  return isProblem(error, "NOT_FOUND") ? <FullPage screen={bookingNotFound(t)} /> : <FullPage screen={unexpected(error, t)} onRetry={onRetry} />;
}
