// What the invitee sees once the meeting is booked: when (in their zone), with
// whom, add-to-calendar, and the private link to reschedule or cancel.
import { useEffect, useRef } from "react";
import { AddToCalendar } from "./add-to-calendar";
import { CheckIcon } from "./icons";
import { Facts, locationLabel, When } from "./meeting-facts";
import { manageTokenOf, type Booked, type LinkPage } from "./public-api";

export function Confirmation({ page, booked, email }: { page: LinkPage; booked: Booked; email: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    window.scrollTo({ top: 0 });
    heading.current?.focus();
  }, []);
  const title = `${page.title} with ${page.owner.name}`;
  return (
    <main className="public-page narrow">
      <section className="card confirmation stack" aria-labelledby="confirmation-title">
        <div className="screen-mark success">
          <CheckIcon />
        </div>
        <div>
          <h1 id="confirmation-title" ref={heading} tabIndex={-1}>
            You're booked
          </h1>
          <p className="muted">{title}</p>
        </div>
        <Facts
          items={[
            ["When", <When key="when" start={booked.start} end={booked.end} timeZone={booked.timeZone} />],
            ["Duration", `${booked.durationMin} minutes`],
            ["Where", locationLabel(page.location)],
            ["With", page.owner.name],
          ]}
        />
        <p role="status">
          A confirmation with a calendar invitation is on its way to <strong>{email}</strong>.
        </p>
        <AddToCalendar manageToken={manageTokenOf(booked.manageUrl)} title={title} start={booked.start} end={booked.end} manageUrl={booked.manageUrl} location={page.location.type === "custom" ? page.location.value : null} />
        <div className="manage-box">
          <h3>Need to change something?</h3>
          <p>
            <a href={booked.manageUrl}>Reschedule or cancel this meeting</a>
          </p>
          <p className="muted small">Keep this link private: anyone with it can change your booking. It is in your confirmation email too.</p>
        </div>
      </section>
    </main>
  );
}
