// Friendly full-page answers for links and bookings that cannot be used:
// an expired, used or withdrawn one-time link, a switched-off or unknown link,
// an unknown manage token, or the server being unreachable.
import type { ReactNode } from "react";
import { isProblem, type ProblemCode } from "../api/client";
import { Notice } from "../components/notice";
import { AlertIcon, CheckIcon, ClockIcon } from "./icons";

type Screen = { tone: "neutral" | "warning" | "danger"; title: string; body: ReactNode; icon?: ReactNode };

const LINK_SCREENS: Partial<Record<ProblemCode, Screen>> = {
  LINK_EXPIRED: {
    tone: "warning",
    icon: <ClockIcon size={28} />,
    title: "This booking link has expired",
    body: <p>Personal booking links work for a limited time, and this one has run out. Ask the person who sent it for a new link.</p>,
  },
  LINK_USED: {
    tone: "neutral",
    icon: <CheckIcon />,
    title: "This link was already used",
    body: (
      <>
        <p>Each personal booking link books one meeting, and this one has been booked.</p>
        <p>Your confirmation email has a link to reschedule or cancel. Need another meeting? Ask the sender for a new link.</p>
      </>
    ),
  },
  LINK_REVOKED: {
    tone: "warning",
    title: "This booking link was withdrawn",
    body: <p>The sender withdrew this personal link, so it can no longer book a meeting. Ask them for a new one.</p>,
  },
  LINK_INACTIVE: {
    tone: "neutral",
    title: "This booking page is switched off",
    body: <p>Its owner is not taking bookings through this page at the moment. Please try again later or contact them directly.</p>,
  },
  NOT_FOUND: {
    tone: "neutral",
    title: "We can't find this booking page",
    body: <p>The address may be mistyped, or its owner removed or renamed the page. Check the link you were sent.</p>,
  },
};

const BOOKING_NOT_FOUND: Screen = {
  tone: "neutral",
  title: "We can't find this booking",
  body: <p>The link may be incomplete — open it again from your confirmation email, and copy the whole address if you paste it.</p>,
};

function FullPage({ screen, onRetry }: { screen: Screen; onRetry?: () => void }) {
  return (
    <main className="public-page narrow">
      <div className={`screen-mark ${screen.tone}`}>
        {screen.icon ?? <AlertIcon />}
      </div>
      <Notice tone={screen.tone} title={screen.title} role="alert">
        {screen.body}
        {onRetry && (
          <button type="button" className="button" onClick={onRetry}>
            Try again
          </button>
        )}
      </Notice>
      <p className="powered muted small">Scheduling by Convene</p>
    </main>
  );
}

function unexpected(error: unknown): Screen {
  const offline = isProblem(error, "NETWORK");
  return {
    tone: "danger",
    title: offline ? "Convene could not be reached" : "Something went wrong",
    body: <p>{offline ? "Check your connection and try again." : error instanceof Error ? error.message : "Please try again in a moment."}</p>,
  };
}

/** The screen for a link that answered with a problem. */
export function LinkProblemScreen({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const known = isProblem(error) ? LINK_SCREENS[error.code] : undefined;
  return known ? <FullPage screen={known} /> : <FullPage screen={unexpected(error)} onRetry={onRetry} />;
}

/** Whether a problem means the link itself cannot book (rather than this request failing). */
export function isLinkGone(error: unknown): boolean {
  return isProblem(error, ...(Object.keys(LINK_SCREENS) as ProblemCode[]));
}

const BOOKING_ERASED: Screen = {
  tone: "neutral",
  title: "Your data was erased",
  body: <p>At your request, your name, email address, answers and notes were removed from this booking, and the host was told. This link no longer opens it.</p>,
};

export function ManageProblemScreen({ error, onRetry }: { error: unknown; onRetry(): void }) {
  if (isProblem(error, "BOOKING_ERASED")) return <FullPage screen={BOOKING_ERASED} />;
  return isProblem(error, "NOT_FOUND") ? <FullPage screen={BOOKING_NOT_FOUND} /> : <FullPage screen={unexpected(error)} onRetry={onRetry} />;
}
