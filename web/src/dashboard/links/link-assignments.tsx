// The bookings made through a link, each with who was assigned and why: the
// availability engine's reason as it was recorded when the meeting was booked
// (or last rescheduled), with host names.
import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import { api, unwrap } from "../../api/client";
import { ErrorText } from "../../components/notice";
import { Skeleton } from "../../components/skeleton";
import { formatDateTime } from "../../lib/time";
import { STATUS_LABEL } from "../bookings/booking-model";
import { useOwner } from "../session";

const SHOWN = 20;

export function LinkAssignments({ linkId, hostMode }: { linkId: string; hostMode: string }) {
  const { user } = useOwner();
  const bookings = useQuery({
    queryKey: ["bookings", "by-link", linkId],
    queryFn: () => unwrap(api.GET("/api/v1/bookings", { params: { query: { linkId, order: "start_desc", limit: SHOWN } } })).then((page) => page.items),
  });
  return (
    <section className="card stack" aria-labelledby="link-assignments-heading">
      <h2 id="link-assignments-heading">Bookings and who hosts them</h2>
      {hostMode === "round_robin" ? <p className="muted small">Each booking went to one free host; the reason is the one Convene gave when it chose.</p> : null}
      <ErrorText error={bookings.error} />
      {!bookings.data && !bookings.error ? <Skeleton height="4rem" /> : null}
      {bookings.data?.length === 0 ? <p className="muted">No bookings through this link yet.</p> : null}
      {bookings.data && bookings.data.length > 0 ? (
        <ul className="assignment-list">
          {bookings.data.map((booking) => (
            <li key={booking.id} className="assignment">
              <div className="spread">
                <Link href={`/bookings/${booking.id}`}>
                  {formatDateTime(booking.start, user.timeZone)} · {booking.invitee.name}
                </Link>
                <span className="badge">{STATUS_LABEL[booking.status]}</span>
              </div>
              <p className="assignment-hosts">
                <strong>{booking.assignment ? booking.assignment.hosts.map((host) => host.name).join(", ") : "—"}</strong>
              </p>
              <p className="muted small assignment-why">{booking.assignment ? `Why: ${booking.assignment.why}.` : "Booked elsewhere and brought in: no choice was recorded."}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
