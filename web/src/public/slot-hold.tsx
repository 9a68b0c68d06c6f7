// The booking page holds the picked time while the invitee types: a hold is
// taken when a time is picked, let go when another is picked or the page is
// left, and its token goes with the booking so nobody else can take the time
// meanwhile. Without a hold (refused for a reason other than a taken time, or
// over) booking still works; the server decides.
import { useCallback, useEffect, useRef, useState } from "react";
import { isProblem } from "../api/client";
import { Notice } from "../components/notice";
import { formatTime } from "../lib/time";
import { useI18n } from "./i18n/i18n";
import { holdSlot, releaseSlotHold, type LinkRef, type Slot } from "./public-api";

export type HoldState =
  | { status: "none" }
  | { status: "holding"; start: string }
  | { status: "held"; start: string; token: string; expiresAt: string }
  /** It ran out, or the booking said it is gone: pick (or hold) again. */
  | { status: "lost"; start: string }
  /** Not held for another reason (a rate limit, an outage): booking works without it. */
  | { status: "unheld"; start: string };

type Run = { isCancelled: boolean; token: string | null };

/** The codes a booking answers when its hold token no longer holds the time. */
export const HOLD_LOST_CODES = ["HOLD_EXPIRED", "HOLD_NOT_FOUND", "HOLD_MISMATCH"] as const;

export function useSlotHold(link: LinkRef, slot: Slot | null, durationMin: number, timeZone: string, onTaken: (error: unknown, slot: Slot) => void) {
  const [attempt, setAttempt] = useState(0);
  // What became of the hold for one pick (time, duration, attempt); a new pick starts as "holding".
  const key = slot ? `${slot.start}|${durationMin}|${attempt}` : null;
  const [outcome, setOutcome] = useState<{ key: string; state: HoldState } | null>(null);
  const state: HoldState = !slot ? { status: "none" } : outcome?.key === key ? outcome.state : { status: "holding", start: slot.start };
  // One request at a time, releases included: a new hold never races the release of the one before.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const current = useRef<Run | null>(null);
  const latest = useRef({ timeZone, onTaken });
  useEffect(() => {
    latest.current = { timeZone, onTaken };
  });
  const start = slot?.start ?? null;

  useEffect(() => {
    if (start === null || key === null) return;
    const run: Run = { isCancelled: false, token: null };
    current.current = run;
    const settle = (next: HoldState) => setOutcome({ key, state: next });
    queue.current = queue.current.then(async () => {
      if (run.isCancelled) return;
      try {
        const held = await holdSlot(link, { start, durationMin, timeZone: latest.current.timeZone });
        if (run.isCancelled) return releaseSlotHold(link, held.holdToken);
        run.token = held.holdToken;
        settle({ status: "held", start, token: held.holdToken, expiresAt: held.expiresAt });
      } catch (error) {
        if (run.isCancelled) return;
        if (isProblem(error, "SLOT_TAKEN") && slot) latest.current.onTaken(error, slot);
        settle({ status: "unheld", start });
      }
    });
    return () => {
      run.isCancelled = true;
      const token = run.token;
      run.token = null;
      if (token) queue.current = queue.current.then(() => releaseSlotHold(link, token));
    };
    // The slot's start is what is held (key): a new slot object for the same time keeps the hold.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [link, key]);

  // A hold that runs out says so at once (the server would answer HOLD_EXPIRED).
  const expiresAt = state.status === "held" ? state.expiresAt : null;
  useEffect(() => {
    if (expiresAt === null || key === null || start === null) return;
    const timer = setTimeout(() => {
      if (current.current) current.current.token = null;
      setOutcome({ key, state: { status: "lost", start } });
    }, Math.max(0, Date.parse(expiresAt) - Date.now()));
    return () => clearTimeout(timer);
  }, [expiresAt, key, start]);

  // Leaving the page lets the time go for others (keepalive outlives the page).
  useEffect(() => {
    const onHide = () => {
      const token = current.current?.token;
      if (token) void releaseSlotHold(link, token);
    };
    window.addEventListener("pagehide", onHide);
    return () => window.removeEventListener("pagehide", onHide);
  }, [link]);

  return {
    state,
    /** The token to book with, when the hold is for this very slot. */
    tokenFor: (slotStart: string) => (state.status === "held" && state.start === slotStart ? state.token : undefined),
    /** The booking used the hold: it is no longer ours to release. */
    markUsed: useCallback(() => {
      if (current.current) current.current.token = null;
    }, []),
    /** The booking said the hold is gone. */
    markLost: useCallback(() => {
      if (current.current) current.current.token = null;
      if (key !== null && start !== null) setOutcome({ key, state: { status: "lost", start } });
    }, [key, start]),
    holdAgain: useCallback(() => setAttempt((n) => n + 1), []),
  };
}

export function HoldStatus({ state, timeZone, onHoldAgain }: { state: HoldState; timeZone: string; onHoldAgain(): void }) {
  const { locale, t } = useI18n();
  if (state.status === "holding") {
    return (
      <p className="hold-status small muted" role="status">
        {t.holdingTime}
      </p>
    );
  }
  if (state.status === "held") {
    return (
      <p className="hold-status small" role="status">
        {t.heldUntil(formatTime(state.expiresAt, timeZone, locale))}
      </p>
    );
  }
  if (state.status === "lost") {
    return (
      <Notice tone="warning" title={t.holdLostTitle} role="alert">
        <p>{t.holdLostBody}</p>
        <button type="button" className="button" onClick={onHoldAgain}>
          {t.holdAgain}
        </button>
      </Notice>
    );
  }
  return null;
}
