// The unmatched queue: attendees of bookings no lead matched, each with the
// leads it may be; the owner confirms one (the booking counts for that lead)
// or dismisses the attendee (not a lead).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "wouter";
import { api, unwrap } from "../../api/client";
import { ErrorText } from "../../components/notice";
import { Skeleton } from "../../components/skeleton";
import { formatDateTime } from "../../lib/time";
import { useOwner } from "../session";
import { SOURCE_NAMES, UNMATCHED_KEY, unmatchedQuery, type UnmatchedEntry } from "./funnel-query";

const REASONS: Record<UnmatchedEntry["suggestions"][number]["reason"], string> = {
  name_and_company: "same name and company",
  name: "same name",
  domain: "same company domain",
};

export function UnmatchedQueue() {
  const queue = useQuery(unmatchedQuery);
  const queryClient = useQueryClient();
  const { user } = useOwner();
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: UNMATCHED_KEY }), queryClient.invalidateQueries({ queryKey: ["lead-funnel"] })]);
  const confirm = useMutation({
    mutationFn: ({ id, leadId }: { id: string; leadId: string }) => unwrap(api.POST("/api/v1/unmatched/{id}/confirm", { params: { path: { id } }, body: { leadId } })),
    onSuccess: refresh,
  });
  const dismiss = useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/v1/unmatched/{id}/dismiss", { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const isBusy = confirm.isPending || dismiss.isPending;

  return (
    <section className="card stack" aria-labelledby="unmatched-heading">
      <div>
        <h2 id="unmatched-heading">Unmatched attendees</h2>
        <p className="muted small">People who booked but are no lead yet. Confirm the lead they are, or dismiss them. A lead added later with their address takes their bookings by itself.</p>
      </div>
      <ErrorText error={confirm.error ?? dismiss.error} />
      {queue.isPending ? (
        <Skeleton height="4rem" radius="10px" />
      ) : queue.error ? (
        <ErrorText error={queue.error} />
      ) : queue.data.length === 0 ? (
        <p className="muted small">Every attendee is matched to a lead.</p>
      ) : (
        <ul className="unmatched-list" aria-label="Unmatched attendees">
          {queue.data.map((entry) => (
            <li key={entry.id} className="unmatched-item">
              <div className="unmatched-who">
                <strong>{entry.name ?? entry.email}</strong>
                {entry.name && <span className="muted"> {entry.email}</span>}
                <div className="muted small">
                  {entry.booking.title ?? "Meeting"} · {formatDateTime(entry.booking.start, user.timeZone)} · via {SOURCE_NAMES[entry.booking.source]}
                </div>
              </div>
              {entry.suggestions.length > 0 ? (
                <ul className="suggestions" aria-label={`Leads ${entry.email} may be`}>
                  {entry.suggestions.map((lead) => (
                    <li key={lead.id} className="suggestion">
                      <span>
                        <Link href={`/leads/${lead.id}`}>{lead.name ?? lead.email}</Link>
                        {lead.company ? ` – ${lead.company}` : ""} <span className="muted small">({REASONS[lead.reason]})</span>
                      </span>
                      <button type="button" className="button small" disabled={isBusy} onClick={() => confirm.mutate({ id: entry.id, leadId: lead.id })} aria-label={`Confirm ${entry.email} is ${lead.name ?? lead.email}`}>
                        Confirm
                      </button>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted small">No similar lead.</p>
              )}
              <div>
                <button type="button" className="button small ghost" disabled={isBusy} onClick={() => dismiss.mutate(entry.id)} aria-label={`Dismiss ${entry.email}`}>
                  Dismiss
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
