// The dev outbox: without SMTP settings Convene sends no mail and keeps each
// message here instead (newest first), so an owner trying Convene out can read
// what invitees and hosts would get. HTML bodies render in a sandboxed iframe
// (no scripts, no access to the dashboard); the invite is offered as a download.
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "wouter";
import { api, unwrap, type paths } from "../../api/client";
import { ErrorText, Notice } from "../../components/notice";
import { PageSkeleton } from "../../components/skeleton";
import { formatDateTime } from "../../lib/time";
import { useOwner } from "../session";
import "./outbox.css";

type Outbox = paths["/api/v1/dev/outbox"]["get"]["responses"][200]["content"]["application/json"];
type Mail = Outbox["items"][number];

const LIMIT = 100;
const REFRESH_MS = 15_000;

/** Links in a message open in a new tab (the frame may not navigate the dashboard); the base goes into the head, so the doctype stays first. */
function withLinksInNewTab(html: string): string {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head([^>]*)>/i, `<head$1>${base}`) : base + html;
}

export default function OutboxPage() {
  const outbox = useQuery({
    queryKey: ["dev-outbox"],
    queryFn: () => unwrap(api.GET("/api/v1/dev/outbox", { params: { query: { limit: LIMIT } } })),
    refetchInterval: REFRESH_MS,
  });

  if (outbox.isPending) return <PageSkeleton />;
  if (outbox.error && !outbox.data) return <ErrorText error={outbox.error} />;
  const { mode, items } = outbox.data;

  return (
    <div className="stack outbox">
      <div className="spread">
        <h1>Outbox</h1>
        <button type="button" className="button small" onClick={() => outbox.refetch()} disabled={outbox.isFetching}>
          {outbox.isFetching ? "Refreshing…" : "Refresh"}
        </button>
      </div>
      {mode === "smtp" ? (
        <Notice tone="success" title="Mail goes out by SMTP">
          <p>Convene sends email through the SMTP server set in SMTP_URL, so nothing new is kept here.{items.length > 0 ? " The messages below are from before it was set." : ""}</p>
        </Notice>
      ) : (
        <Notice tone="warning" title="No mail is sent: it is kept here">
          <p>
            No SMTP server is set, so confirmations, reminders and the other emails Convene would send appear in this outbox instead. Set SMTP_URL to send them for real.
          </p>
        </Notice>
      )}
      <p className="muted small">
        Whether each email went out, and what went wrong if it did not, is in the <Link href="/deliveries">delivery log</Link>.
      </p>
      <ErrorText error={outbox.error} />
      {items.length === 0 ? (
        mode === "outbox" && (
          <div className="card">
            <p className="muted">No mail yet. When someone books one of your links, the confirmation emails appear here within a few seconds.</p>
          </div>
        )
      ) : (
        <>
          <p className="muted small">
            {items.length === LIMIT ? `The latest ${LIMIT} messages` : `${items.length} ${items.length === 1 ? "message" : "messages"}`}, newest first.
          </p>
          <ul className="mail-list">
            {items.map((mail) => (
              <MailItem key={mail.id} mail={mail} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function MailItem({ mail }: { mail: Mail }) {
  const { user } = useOwner();
  const [isOpen, setOpen] = useState(false);
  const bodyId = useId();
  return (
    <li className="card mail">
      <div className="mail-head">
        <div className="mail-summary">
          <span className="mail-subject">{mail.subject}</span>
          <span className="muted small">
            To {mail.to.name} &lt;{mail.to.email}&gt; · <time dateTime={mail.createdAt}>{formatDateTime(mail.createdAt, user.timeZone)}</time>
          </span>
        </div>
        <div className="mail-tags">
          {mail.invite && <span className={`badge ${mail.invite.method === "CANCEL" ? "danger" : "accent"}`}>{mail.invite.method === "CANCEL" ? "Cancels the invite" : "Invite (.ics)"}</span>}
        </div>
        <button type="button" className="button small" aria-expanded={isOpen} aria-controls={bodyId} onClick={() => setOpen(!isOpen)}>
          {isOpen ? "Hide" : "Read"}
          <span className="visually-hidden"> “{mail.subject}”</span>
        </button>
      </div>
      <div id={bodyId} hidden={!isOpen}>
        {isOpen && <MailBody mail={mail} />}
      </div>
    </li>
  );
}

function MailBody({ mail }: { mail: Mail }) {
  const [view, setView] = useState<"html" | "text">("html");
  const panelId = useId();
  const tabId = (name: string) => `${panelId}-${name}`;
  return (
    <div className="mail-body stack">
      <dl className="mail-headers small">
        <dt>From</dt>
        <dd>{mail.from}</dd>
        <dt>To</dt>
        <dd>
          {mail.to.name} &lt;{mail.to.email}&gt;
        </dd>
        <dt>Message-ID</dt>
        <dd className="mono">{mail.messageId}</dd>
      </dl>
      <div role="tablist" aria-label="Show the message as" className="mail-views">
        {(["html", "text"] as const).map((name) => (
          <button
            key={name}
            id={tabId(name)}
            type="button"
            role="tab"
            aria-selected={view === name}
            aria-controls={panelId}
            tabIndex={view === name ? 0 : -1}
            className="button small ghost"
            onClick={() => setView(name)}
            onKeyDown={(event) => {
              if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
                const next = view === "html" ? "text" : "html";
                setView(next);
                document.getElementById(tabId(next))?.focus();
              }
            }}
          >
            {name === "html" ? "Formatted" : "Plain text"}
          </button>
        ))}
      </div>
      <div id={panelId} role="tabpanel" aria-labelledby={tabId(view)}>
        {view === "html" ? (
          // No allow-scripts and no allow-same-origin: the message cannot run code or reach the dashboard. Its links open in a new tab.
          <iframe className="mail-frame" title={`Email: ${mail.subject}`} sandbox="allow-popups allow-popups-to-escape-sandbox" srcDoc={withLinksInNewTab(mail.html)} />
        ) : (
          <pre className="mail-text">{mail.text}</pre>
        )}
      </div>
      {mail.invite && (
        <div className="attachments">
          <h3 className="small">Attachment</h3>
          <a className="attachment" href={`data:text/calendar;charset=utf-8;method=${mail.invite.method},${encodeURIComponent(mail.invite.content)}`} download="invite.ics">
            invite.ics
            <span className="muted small"> — calendar {mail.invite.method === "CANCEL" ? "cancellation" : "invitation"} ({mail.invite.method})</span>
          </a>
        </div>
      )}
    </div>
  );
}
