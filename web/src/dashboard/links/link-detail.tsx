// One link for its owner: its address, what it offers, edit/duplicate/delete,
// its analytics, and the personal one-time links made from it.
import { useState } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { isProblem } from "../../api/client";
import { ConfirmDialog } from "../../components/dialog";
import { CopyButton } from "../../components/copy-button";
import { ErrorText, Notice } from "../../components/notice";
import { Skeleton } from "../../components/skeleton";
import { LinkAnalytics } from "../analytics/link-analytics";
import { useToday } from "../../lib/use-today";
import { ActiveSwitch, DatesOverNote, displayUrl, LinkStateBadge } from "./link-card";
import { areDatesOver } from "./wizard/draft-rules";
import { durationLabel, durationsLabel, locationLabel, noticeLabel, weeklyHoursLabel } from "./link-format";
import { useDeleteLink, useDuplicateLink, useLink, useSetActive, useTemplates, type Link as BookingLink } from "./link-api";
import { OneTimeLinks } from "./one-time-links";
import { EmbedSnippet } from "./embed-snippet";
import { LinkAssignments } from "./link-assignments";
import { MODE_SENTENCES } from "./wizard/team-draft";
import "./links.css";

const HOST_MODE_LABEL = Object.fromEntries(Object.entries(MODE_SENTENCES).map(([mode, { label }]) => [mode, label])) as Record<BookingLink["hostMode"], string>;

const SAVED_MESSAGES: Record<string, string> = {
  created: "Your link is ready. Copy its address and share it.",
  updated: "Changes saved.",
  duplicated: "This is the copy. Change what differs, then share it.",
};

export default function LinkDetail({ linkId }: { linkId: string }) {
  const link = useLink(linkId);
  if (link.error) {
    return isProblem(link.error, "NOT_FOUND") ? (
      <Notice tone="neutral" title="This link does not exist">
        <p>It may have been deleted.</p>
        <Link href="/links">Back to your links</Link>
      </Notice>
    ) : (
      <ErrorText error={link.error} />
    );
  }
  if (!link.data) {
    return (
      <div className="stack" aria-busy="true">
        <Skeleton width="50%" height="2rem" />
        <Skeleton height="5rem" radius="12px" />
        <Skeleton height="12rem" radius="12px" />
      </div>
    );
  }
  return <LinkDetailView link={link.data} />;
}

function LinkDetailView({ link }: { link: BookingLink }) {
  const search = useSearch();
  const saved = new URLSearchParams(search).get("saved");
  const [, navigate] = useLocation();
  const setActive = useSetActive();
  const duplicate = useDuplicateLink();
  const remove = useDeleteLink();
  const [isDeleting, setIsDeleting] = useState(false);
  const isOver = areDatesOver(link.rangeEndDate, useToday(link.timeZone));

  return (
    <div className="stack link-detail">
      <Link href="/links" className="back-link">
        ← All links
      </Link>
      <div className="spread page-head">
        <div className="row">
          <h1>{link.title}</h1>
          <LinkStateBadge link={link} isOver={isOver} />
        </div>
        <div className="row">
          <Link href={`/links/${link.id}/edit`} className="button small primary">
            Edit
          </Link>
          <button
            type="button"
            className="button small"
            disabled={duplicate.isPending}
            onClick={() => duplicate.mutate(link.id, { onSuccess: (copy) => navigate(`/links/${copy.id}?saved=duplicated`) })}
          >
            {duplicate.isPending ? "Duplicating…" : "Duplicate"}
          </button>
          <button
            type="button"
            className="button small danger"
            onClick={() => setIsDeleting(true)}
          >
            Delete
          </button>
        </div>
      </div>
      <div role="status">
        {saved && SAVED_MESSAGES[saved] ? (
          isOver ? (
            <p className="notice notice-warning">Saved, but not ready: its dates are over, so nobody can book it.</p>
          ) : (
            <p className="notice notice-success">{SAVED_MESSAGES[saved]}</p>
          )
        ) : null}
      </div>
      {isOver ? <DatesOverNote link={link} /> : null}
      <ErrorText error={setActive.error ?? duplicate.error} />

      <section className="card stack" aria-labelledby="booking-address-heading">
        <h2 id="booking-address-heading">Booking address</h2>
        <div className="link-url">
          <a href={link.bookingUrl} target="_blank" rel="noreferrer" className="link-url-text">
            {displayUrl(link.bookingUrl)}
            <span className="visually-hidden"> (opens in a new tab)</span>
          </a>
          <CopyButton text={link.bookingUrl} />
        </div>
        <ActiveSwitch link={link} isBusy={setActive.isPending} onChange={(isActive) => setActive.mutate({ linkId: link.id, isActive })} />
        {!link.isActive ? <p className="muted small">Switched off: the address answers that the link is not taking bookings, and one-time links made from it stop working too.</p> : null}
      </section>

      <EmbedSnippet bookingUrl={link.bookingUrl} />

      <LinkSummary link={link} />

      <LinkAssignments linkId={link.id} hostMode={link.hostMode} />

      {/* Analytics for this link: the chart is built and owned by the analytics section. */}
      <section className="link-analytics-slot" aria-label="Analytics">
        <LinkAnalytics linkId={link.id} />
      </section>

      <OneTimeLinks link={link} />

      <ConfirmDialog
        isOpen={isDeleting}
        title={`Delete “${link.title}”?`}
        confirmLabel="Delete link"
        onClose={() => setIsDeleting(false)}
        onConfirm={async () => {
          await remove.mutateAsync(link.id);
          navigate("/links", { replace: true });
        }}
      >
        <p>Its address and its one-time links stop working at once. Meetings already booked stay booked.</p>
      </ConfirmDialog>
    </div>
  );
}

function LinkSummary({ link }: { link: BookingLink }) {
  const templates = useTemplates();
  const template = templates.data?.find((candidate) => candidate.id === link.templateId);
  const rows: [string, string][] = [
    ["Durations", `${durationsLabel(link.durationsMin)} (default ${durationLabel(link.defaultDurationMin)})`],
    ["Location", locationLabel(link.location)],
    ["Hosting", `${HOST_MODE_LABEL[link.hostMode]}, ${link.hostUserIds.length} host${link.hostUserIds.length === 1 ? "" : "s"}${link.hostHours === "host" ? ", each in their own hours" : ""}`],
    ["Time zone", link.timeZone.replaceAll("_", " ")],
    ["Weekly hours", weeklyHoursLabel(link.weeklyHours)],
    ["Date exceptions", link.dateOverrides.length ? `${link.dateOverrides.length} date${link.dateOverrides.length === 1 ? "" : "s"}` : "None"],
    ["Holidays", link.holidays.length ? link.holidays.join(", ") : "None"],
    ["Buffers", `${link.bufferBeforeMin} min before, ${link.bufferAfterMin} min after`],
    ["Minimum notice", noticeLabel(link.minNoticeMin)],
    ["Booking window", link.maxDaysAhead ? `${link.maxDaysAhead} days ahead` : "No limit"],
    ["Limits", `${link.maxPerDay ?? "no limit"} a day, ${link.maxPerWeek ?? "no limit"} a week`],
    ["Questions", link.templateId ? (template ? `${template.name} (${template.questions.length})` : "…") : "Name and email only"],
  ];
  return (
    <section className="card stack" aria-labelledby="link-summary-heading">
      <h2 id="link-summary-heading">What it offers</h2>
      {link.description ? <p>{link.description}</p> : null}
      <dl className="summary-list two-column-list">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
