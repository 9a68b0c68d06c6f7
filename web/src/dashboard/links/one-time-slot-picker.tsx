// Picking the times a one-time link offers: the link's free times over the next
// two weeks (the public slots API, so exactly what an invitee would be offered
// now) for the chosen duration; the owner toggles any of them.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, unwrap } from "../../api/client";
import { ErrorText } from "../../components/notice";
import { Skeleton } from "../../components/skeleton";
import { browserTimeZone, formatDate, formatTime } from "../../lib/time";
import type { Link } from "./link-api";

const PICK_DAYS = 14;
const DAY_MS = 86_400_000;

/** The handle and slug of the link's public address (/{handle}/{slug}), which the owner's view gives as bookingUrl. */
function publicPathOf(link: Link): { handle: string; slug: string } {
  const [, handle = "", slug = ""] = new URL(link.bookingUrl).pathname.split("/");
  return { handle: decodeURIComponent(handle), slug: decodeURIComponent(slug) };
}

export function OneTimeSlotPicker({ link, durationMin, picked, onChange, maxPicked }: { link: Link; durationMin: number; picked: string[]; onChange(starts: string[]): void; maxPicked: number }) {
  const timeZone = browserTimeZone();
  const [fromMs] = useState(() => Date.now());
  const slots = useQuery({
    queryKey: ["one-time-pick", link.id, durationMin, timeZone],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/public/links/{handle}/{slug}/slots", {
          params: { path: publicPathOf(link), query: { from: new Date(fromMs).toISOString(), to: new Date(fromMs + PICK_DAYS * DAY_MS).toISOString(), timeZone, durationMin } },
        }),
      ),
  });
  const toggle = (start: string) => onChange(picked.includes(start) ? picked.filter((item) => item !== start) : [...picked, start].sort());
  if (slots.isPending) return <Skeleton height="4rem" radius="10px" />;
  if (slots.error) return <ErrorText error={slots.error} />;
  const days = slots.data.days.filter((day) => day.slots.length > 0);
  if (days.length === 0) return <p className="muted small">No free times in the next two weeks: check the link's hours, or let them choose later.</p>;
  return (
    <div className="stack one-time-picker">
      <p className="muted small" role="status">
        {picked.length === 0 ? "Pick the times to offer" : `${picked.length} time${picked.length === 1 ? "" : "s"} picked`} (shown in {timeZone.replaceAll("_", " ")}, up to {maxPicked}).
      </p>
      <ul className="preview-days">
        {days.map((day) => (
          <li key={day.date} className="preview-day">
            <h4>{formatDate(`${day.date}T12:00:00Z`, "UTC")}</h4>
            <ul className="preview-times" aria-label={`Times on ${formatDate(`${day.date}T12:00:00Z`, "UTC")}`}>
              {day.slots.map((slot) => {
                const isPicked = picked.includes(slot.start);
                return (
                  <li key={slot.start}>
                    <button
                      type="button"
                      className={`time-chip pick${isPicked ? " picked" : ""}`}
                      aria-pressed={isPicked}
                      disabled={!isPicked && picked.length >= maxPicked}
                      onClick={() => toggle(slot.start)}
                    >
                      {formatTime(slot.start, timeZone)}
                    </button>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
