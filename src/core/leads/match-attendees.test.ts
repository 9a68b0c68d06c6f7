import { describe, expect, it } from "vitest";
import { attendeesOf, matchAttendees } from "./match-attendees.js";

describe("attendeesOf", () => {
  it("lists the invitee then each guest once by trimmed, lower-cased address", () => {
    expect(attendeesOf({ inviteeName: " Ada ", inviteeEmail: " Ada@Example.com ", guests: ["bob@example.com", "ADA@example.com", "  ", "Bob@Example.com "] })).toEqual([
      { email: "Ada@Example.com", emailKey: "ada@example.com", name: "Ada" },
      { email: "bob@example.com", emailKey: "bob@example.com", name: null },
    ]);
  });
});

describe("matchAttendees", () => {
  const attendees = attendeesOf({ inviteeName: "Ada", inviteeEmail: "ada@example.com", guests: ["BOB@example.com", "carol@example.com"] });

  it("matches each attendee by address and leaves the rest unmatched", () => {
    const leads = new Map([
      ["ada@example.com", "lead-ada"],
      ["bob@example.com", "lead-bob"],
    ]);
    expect(matchAttendees(attendees, null, leads)).toEqual({
      matches: [
        { leadId: "lead-ada", attendeeEmail: "ada@example.com", matchedBy: "email" },
        { leadId: "lead-bob", attendeeEmail: "BOB@example.com", matchedBy: "email" },
      ],
      unmatched: [{ email: "carol@example.com", emailKey: "carol@example.com", name: null }],
    });
  });

  it("gives the invitee to the one-time link's lead first, whatever address they typed", () => {
    const leads = new Map([
      ["ada@example.com", "lead-other"],
      ["carol@example.com", "lead-link"],
    ]);
    const { matches, unmatched } = matchAttendees(attendees, "lead-link", leads);
    // Carol's address belongs to the link's lead, already matched: one match per lead.
    expect(matches).toEqual([{ leadId: "lead-link", attendeeEmail: "ada@example.com", matchedBy: "one_time_link" }]);
    expect(unmatched.map((a) => a.emailKey)).toEqual(["bob@example.com"]);
  });

  it("leaves everyone unmatched without leads", () => {
    expect(matchAttendees(attendees, null, new Map()).unmatched).toHaveLength(3);
  });
});
