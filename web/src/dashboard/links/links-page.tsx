// The owner's booking links: a card per link with its address and everyday
// actions, an invitation to make the first one, and confirmation before deleting.
import { useState } from "react";
import { Link } from "wouter";
import { ConfirmDialog } from "../../components/dialog";
import { ErrorText } from "../../components/notice";
import { Skeleton } from "../../components/skeleton";
import { LinkCard } from "./link-card";
import { useDeleteLink, useDuplicateLink, useLinks, useSetActive, type Link as BookingLink } from "./link-api";
import "./links.css";
import { ScopeHint } from "../scope-hint";

type Announcement = { text: string; linkId?: string };

export default function LinksPage() {
  const links = useLinks();
  const setActive = useSetActive();
  const duplicate = useDuplicateLink();
  const remove = useDeleteLink();
  const [toDelete, setToDelete] = useState<BookingLink | null>(null);
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const busyId = setActive.isPending ? setActive.variables?.linkId : duplicate.isPending ? duplicate.variables : undefined;
  const actionError = setActive.error ?? duplicate.error;

  return (
    <div className="stack links-page">
      <div className="spread page-head">
        <div>
          <h1>Booking links</h1>
          <p className="muted">Share a link; invitees pick a time that suits you both.</p>
          <ScopeHint permission="links.read">You see your own links and the team links you host.</ScopeHint>
        </div>
        {links.data && links.data.length > 0 ? (
          <Link href="/links/new" className="button primary">
            + New link
          </Link>
        ) : null}
      </div>
      <div role="status" className="announcement">
        {announcement ? (
          <p className="notice notice-success">
            {announcement.text}
            {announcement.linkId ? (
              <>
                {" "}
                <Link href={`/links/${announcement.linkId}/edit`}>Edit the copy</Link>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
      <ErrorText error={actionError} />
      {links.isPending ? (
        <ul className="link-grid" aria-busy="true" aria-label="Loading links">
          {[0, 1, 2].map((i) => (
            <li key={i} className="card link-card">
              <Skeleton width="60%" height="1.4rem" />
              <Skeleton width="40%" />
              <Skeleton height="2.25rem" />
            </li>
          ))}
        </ul>
      ) : links.error ? (
        <div className="stack">
          <ErrorText error={links.error} />
          <div>
            <button type="button" className="button" onClick={() => links.refetch()}>
              Try again
            </button>
          </div>
        </div>
      ) : links.data.length === 0 ? (
        <section className="card empty-state" aria-labelledby="empty-links-heading">
          <h2 id="empty-links-heading">Create your first booking link</h2>
          <p className="muted">Set the hours you are free, how long meetings are and what to ask; Convene offers only times that really are free and books them for you.</p>
          <div>
            <Link href="/links/new" className="button primary">
              Create a booking link
            </Link>
          </div>
        </section>
      ) : (
        <ul className="link-grid" aria-label="Your booking links">
          {links.data.map((link) => (
            <LinkCard
              key={link.id}
              link={link}
              isBusy={busyId === link.id}
              onSetActive={(isActive) =>
                setActive.mutate(
                  { linkId: link.id, isActive },
                  { onSuccess: (changed) => setAnnouncement({ text: `“${changed.title}” is ${changed.isActive ? "taking bookings again" : "off: nobody can book it"}.` }) },
                )
              }
              onDuplicate={() => duplicate.mutate(link.id, { onSuccess: (copy) => setAnnouncement({ text: `Copied as “${copy.title}”.`, linkId: copy.id }) })}
              onDelete={() => setToDelete(link)}
            />
          ))}
        </ul>
      )}
      <ConfirmDialog
        isOpen={toDelete !== null}
        title={`Delete “${toDelete?.title ?? ""}”?`}
        confirmLabel="Delete link"
        onClose={() => setToDelete(null)}
        onConfirm={async () => {
          if (!toDelete) return;
          await remove.mutateAsync(toDelete.id);
          setAnnouncement({ text: `“${toDelete.title}” was deleted.` });
        }}
      >
        <p>Its address stops working at once. Meetings already booked through it stay booked.</p>
      </ConfirmDialog>
    </div>
  );
}
