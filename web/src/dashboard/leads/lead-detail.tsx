// One lead: its fields, its timeline (outreach events, status changes with
// their causes, matched bookings) and its booking link: pick one of your
// links and an optional topic, get the one-time link and the sentence to
// paste, with a Copy button. The sentence's template is edited here too.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "wouter";
import { api, unwrap } from "../../api/client";
import { ErrorText } from "../../components/notice";
import { ListSkeleton } from "../../components/skeleton";
import { formatDateTime } from "../../lib/time";
import { useLinks } from "../links/link-api";
import { ME_KEY, useMe, useOwner } from "../session";
import { LEADS_KEY, STATUS_LABELS, statusTone, type LeadDetail } from "./lead-model";
import "./leads.css";

const CAUSE_LABELS = { lead_event: "outreach event", booking: "booking", owner: "you" } as const;

export default function LeadDetailPage({ leadId }: { leadId: string }) {
  const detail = useQuery({ queryKey: [...LEADS_KEY, "detail", leadId], queryFn: () => unwrap(api.GET("/api/v1/leads/{id}", { params: { path: { id: leadId } } })) });
  if (detail.isPending) return <ListSkeleton />;
  if (!detail.data) return <ErrorText error={detail.error} />;
  const { lead } = detail.data;
  return (
    <div className="stack lead-detail">
      <p>
        <Link href="/leads">← Leads</Link>
      </p>
      <div className="spread">
        <h1>{lead.name ?? lead.email}</h1>
        <span className={`badge ${statusTone(lead.status)}`}>{STATUS_LABELS[lead.status]}</span>
      </div>
      <section className="card" aria-label="Fields">
        <dl className="lead-fields">
          <dt>Email</dt>
          <dd>{lead.email}</dd>
          <dt>Company</dt>
          <dd>{lead.company ?? "—"}</dd>
          <dt>Title</dt>
          <dd>{lead.title ?? "—"}</dd>
          {Object.entries(lead.customFields).map(([key, value]) => [<dt key={`k-${key}`}>{key}</dt>, <dd key={`v-${key}`}>{value}</dd>])}
        </dl>
      </section>
      <BookingLinkCard leadId={leadId} />
      <Timeline detail={detail.data} />
    </div>
  );
}

function Timeline({ detail }: { detail: LeadDetail }) {
  const { user } = useOwner();
  const entries: { at: string; key: string; text: string; href?: string }[] = [
    ...detail.events.map((event) => ({ at: event.at, key: `e${event.id}`, text: `Outreach: ${event.type.replace("_", " ")}` })),
    ...detail.transitions.map((transition, i) => ({ at: transition.at, key: `t${i}`, text: `Status ${STATUS_LABELS[transition.from]} → ${STATUS_LABELS[transition.to]} (by ${CAUSE_LABELS[transition.cause]})` })),
    ...detail.bookings.map((booking) => ({ at: booking.start, key: `b${booking.id}`, text: `Meeting (${booking.source}, ${booking.status.replace("_", " ")}, matched by ${booking.matchedBy.replaceAll("_", " ")})`, href: `/bookings/${booking.id}` })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <section className="card stack" aria-label="Timeline">
      <h2>Timeline</h2>
      {entries.length === 0 ? (
        <p className="muted">Nothing yet: outreach events, status changes and meetings appear here.</p>
      ) : (
        <ol className="lead-timeline">
          {entries.map((entry) => (
            <li key={entry.key}>
              <time dateTime={entry.at} className="muted small">
                {formatDateTime(entry.at, user.timeZone)}
              </time>{" "}
              {entry.href ? <Link href={entry.href}>{entry.text}</Link> : entry.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function BookingLinkCard({ leadId }: { leadId: string }) {
  const ids = { link: useId(), topic: useId() };
  const links = useLinks();
  const [linkId, setLinkId] = useState("");
  const [topic, setTopic] = useState("");
  const [isCopied, setCopied] = useState(false);
  const make = useMutation({
    mutationFn: (chosenLinkId: string) => unwrap(api.POST("/api/v1/leads/{id}/booking-link", { params: { path: { id: leadId } }, body: { linkId: chosenLinkId, ...(topic ? { topic } : {}) } })),
    onSuccess: () => setCopied(false),
  });
  const chosen = linkId || links.data?.[0]?.id || "";
  return (
    <section className="card stack" aria-label="Booking link">
      <h2>Booking link</h2>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          make.mutate(chosen);
        }}
      >
        <div className="field">
          <label htmlFor={ids.link}>Link</label>
          <select id={ids.link} value={chosen} onChange={(event) => setLinkId(event.target.value)}>
            {(links.data ?? []).map((link) => (
              <option key={link.id} value={link.id}>
                {link.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.topic}>Topic (optional)</label>
          <input id={ids.topic} value={topic} onChange={(event) => setTopic(event.target.value)} />
        </div>
        <div>
          <button type="submit" className="button primary" disabled={!chosen || make.isPending}>
            Make booking link
          </button>
        </div>
      </form>
      {make.isError && <ErrorText error={make.error} />}
      {make.data && (
        <div className="stack" role="status" aria-label="Sentence">
          <p className="lead-sentence">{make.data.message}</p>
          <div className="row">
            <button
              type="button"
              className="button small"
              onClick={async () => {
                await navigator.clipboard.writeText(make.data.message);
                setCopied(true);
              }}
            >
              {isCopied ? "Copied" : "Copy"}
            </button>
            <span className="muted small">Expires {new Date(make.data.expiresAt).toLocaleDateString()}</span>
          </div>
        </div>
      )}
      <SentenceTemplate />
    </section>
  );
}

function SentenceTemplate() {
  const queryClient = useQueryClient();
  const id = useId();
  const me = useMe();
  const [draft, setDraft] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (template: string | null) => unwrap(api.PATCH("/api/v1/me", { body: { leadLinkSentence: template } })),
    onSuccess: async () => {
      setDraft(null);
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });
  const sentence = me.data?.leadLinkSentence;
  if (!sentence) return null;
  const value = draft ?? sentence.template ?? sentence.default;
  return (
    <details>
      <summary>Edit the sentence</summary>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(value);
        }}
      >
        <div className="field">
          <label htmlFor={id}>Sentence template</label>
          <textarea id={id} rows={3} value={value} onChange={(event) => setDraft(event.target.value)} />
          <span className="hint">Placeholders: {sentence.placeholders.map((name) => `{${name}}`).join(" ")}; {"{link}"} is required.</span>
        </div>
        <div className="row">
          <button type="submit" className="button small primary" disabled={save.isPending}>
            Save sentence
          </button>
          <button type="button" className="button small" onClick={() => save.mutate(null)} disabled={save.isPending}>
            Use the default
          </button>
        </div>
        {save.isError && <ErrorText error={save.error} />}
      </form>
    </details>
  );
}
