import { describe, expect, it } from "vitest";
import { resolveMeetingLocation } from "../booking/meeting-location.js";
import { composeMessage, MESSAGE_KINDS, RECIPIENT_ROLES, renderMessage, type MeetingFacts, type MessageKind, type MessageRecipient, type RecipientRole } from "./messages.js";

const MANAGE_URL = "https://convene.example/manage/tok_abc";
const BOOK_AGAIN_URL = "https://convene.example/grace/intro";

/** Tuesday 1 December 2026, 09:00–09:30 in New York (EST), 15:00 in Berlin (CET). */
function meetingFacts(overrides: Partial<MeetingFacts> = {}): MeetingFacts {
  return {
    bookingId: "bk_1",
    sequence: 0,
    status: "scheduled",
    title: "Intro call",
    description: "A first conversation.",
    startMs: Date.parse("2026-12-01T14:00:00Z"),
    endMs: Date.parse("2026-12-01T14:30:00Z"),
    location: { type: "meeting_url", label: "Join", text: "https://meet.example/abc", url: "https://meet.example/abc" },
    organizer: { name: "Grace Hopper", email: "grace@example.com" },
    hosts: [{ name: "Grace Hopper", email: "grace@example.com", timeZone: "America/New_York" }],
    invitee: { name: "Ada Lovelace", email: "ada@example.com", timeZone: "Europe/Berlin" },
    answers: [
      { label: "Company", value: "Analytical Engines Ltd" },
      { label: "What would you like to discuss?", value: "Bernoulli numbers\nand looms" },
    ],
    guests: ["charles@example.com"],
    notes: "Looking forward to it.",
    cancelReason: null,
    manageUrl: MANAGE_URL,
    bookAgainUrl: BOOK_AGAIN_URL,
    publicUrl: "https://convene.example",
    ...overrides,
  };
}

const facts = meetingFacts();
const recipientFor = (role: RecipientRole, f: MeetingFacts = facts): MessageRecipient => (role === "invitee" ? f.invitee : f.hosts[0]!);
const render = (kind: MessageKind, role: RecipientRole, f: MeetingFacts = facts) => renderMessage(kind, role, f, recipientFor(role, f));

const INVITEE_WHEN = "Tuesday, 1 December 2026, 15:00–15:30 (Europe/Berlin, CET)";
const HOST_WHEN = "Tuesday, 1 December 2026, 09:00–09:30 (America/New_York, EST)";

describe("every kind for every role", () => {
  for (const kind of MESSAGE_KINDS) {
    for (const role of RECIPIENT_ROLES) {
      it(`${kind} to the ${role}: one-line subject, greeting, the time on the recipient's clock, both bodies`, () => {
        const message = render(kind, role);
        expect(message.subject).not.toMatch(/[\r\n]/);
        expect(message.subject).toContain("Intro call");
        expect(message.text.startsWith(`Hi ${role === "invitee" ? "Ada Lovelace" : "Grace Hopper"},\n\n`)).toBe(true);
        expect(message.text).toContain(role === "invitee" ? INVITEE_WHEN : HOST_WHEN);
        expect(message.html).toContain(role === "invitee" ? INVITEE_WHEN : HOST_WHEN);
        expect(message.html).toContain(`<title>${message.subject}</title>`);
        expect(message.text).toContain("Sent by Convene: https://convene.example");
      });
    }
  }
});

describe("confirmation", () => {
  it("tells the invitee who, when and how to join, with the manage link", () => {
    const message = render("confirmation", "invitee");
    expect(message.subject).toBe("Confirmed: Intro call with Grace Hopper on 1 Dec 2026, 15:00 CET");
    expect(message.text).toContain("Your meeting with Grace Hopper is booked.");
    expect(message.text).toContain("Join: https://meet.example/abc");
    expect(message.text).toContain("With: Grace Hopper");
    expect(message.text).toContain("Guests: charles@example.com");
    expect(message.text).toContain("Your notes: Looking forward to it.");
    expect(message.text).toContain("About: A first conversation.");
    expect(message.text).toContain(`Reschedule or cancel: ${MANAGE_URL}`);
    expect(message.html).toContain(`href="${MANAGE_URL}"`);
    expect(message.html).toContain('<a href="https://meet.example/abc">https://meet.example/abc</a>');
  });

  it("leaves the location out when the booking's link is gone, rather than guess one", () => {
    const message = render("confirmation", "invitee", meetingFacts({ location: null }));
    expect(message.text).not.toMatch(/^(Join|Where|Phone):/m);
    expect(message.text).toContain("With: Grace Hopper");
  });

  it("does not echo the answers to the invitee", () => {
    const message = render("confirmation", "invitee");
    expect(message.text).not.toContain("Analytical Engines");
  });

  it("lists the invitee, their zone and every answer for the host, and never the manage link", () => {
    const message = render("confirmation", "host");
    expect(message.subject).toBe("New booking: Intro call with Ada Lovelace on 1 Dec 2026, 09:00 EST");
    expect(message.text).toContain("Ada Lovelace booked Intro call.");
    expect(message.text).toContain("Invitee: Ada Lovelace <ada@example.com>");
    expect(message.text).toContain("Invitee's time zone: Europe/Berlin");
    expect(message.text).toContain("Company: Analytical Engines Ltd");
    expect(message.text).toContain("What would you like to discuss?:\n  Bernoulli numbers\n  and looms");
    expect(message.text).toContain("Notes: Looking forward to it.");
    expect(message.html).toContain("Bernoulli numbers<br>and looms");
    expect(message.text).not.toContain("tok_abc");
    expect(message.html).not.toContain("tok_abc");
  });

  it("names every host of a team meeting", () => {
    const team = meetingFacts({
      hosts: [
        { name: "Grace Hopper", email: "grace@example.com", timeZone: "America/New_York" },
        { name: "Alan Turing", email: "alan@example.com", timeZone: "Europe/London" },
        { name: "Katherine Johnson", email: "kj@example.com", timeZone: "America/New_York" },
      ],
    });
    expect(render("confirmation", "invitee", team).text).toContain("With: Grace Hopper, Alan Turing and Katherine Johnson");
    const toAlan = renderMessage("confirmation", "host", team, team.hosts[1]!);
    expect(toAlan.text).toContain("Hosts: Grace Hopper, Alan Turing and Katherine Johnson");
    expect(toAlan.text).toContain("Tuesday, 1 December 2026, 14:00–14:30 (Europe/London, GMT)");
  });

  it("falls back to the organizer when the booking lists no host", () => {
    expect(render("confirmation", "invitee", meetingFacts({ hosts: [] })).text).toContain("With: Grace Hopper");
  });
});

describe("reschedule", () => {
  const moved = meetingFacts({ sequence: 1, status: "rescheduled", previousStartMs: Date.parse("2026-11-30T14:00:00Z"), previousEndMs: Date.parse("2026-11-30T14:30:00Z") });

  it("shows the new and the previous time, on each recipient's clock", () => {
    const toInvitee = render("reschedule", "invitee", moved);
    expect(toInvitee.subject).toBe("Rescheduled: Intro call with Grace Hopper, now 1 Dec 2026, 15:00 CET");
    expect(toInvitee.text).toContain(`New time: ${INVITEE_WHEN}`);
    expect(toInvitee.text).toContain("Previous time: Monday, 30 November 2026, 15:00–15:30 (Europe/Berlin, CET)");
    expect(toInvitee.text).toContain(`Reschedule or cancel: ${MANAGE_URL}`);
    const toHost = render("reschedule", "host", moved);
    expect(toHost.text).toContain(`New time: ${HOST_WHEN}`);
    expect(toHost.text).toContain("Previous time: Monday, 30 November 2026, 09:00–09:30 (America/New_York, EST)");
    expect(toHost.text).not.toContain("tok_abc");
  });

  it("names a change of offset between the old and the new time (a DST date)", () => {
    // Moved from before New York's spring-forward to after it: same wall time, other offset.
    const acrossDst = meetingFacts({
      startMs: Date.parse("2026-03-09T13:00:00Z"),
      endMs: Date.parse("2026-03-09T13:30:00Z"),
      previousStartMs: Date.parse("2026-03-06T14:00:00Z"),
    });
    const toHost = render("reschedule", "host", acrossDst);
    expect(toHost.text).toContain("New time: Monday, 9 March 2026, 09:00–09:30 (America/New_York, EDT)");
    expect(toHost.text).toContain("Previous time: Friday, 6 March 2026, 09:00–09:30 (America/New_York, EST)");
    expect(toHost.subject).toContain("now 9 Mar 2026, 09:00 EDT");
  });

  it("leaves the previous time out when it is not known", () => {
    expect(render("reschedule", "invitee").text).not.toContain("Previous time");
  });
});

describe("cancellation", () => {
  const cancelled = meetingFacts({ status: "cancelled", sequence: 2, cancelReason: "Something came up." });

  it("gives the invitee the reason and a link to book again, not the manage link or join details", () => {
    const message = render("cancellation", "invitee", cancelled);
    expect(message.subject).toBe("Cancelled: Intro call with Grace Hopper on 1 Dec 2026, 15:00 CET");
    expect(message.text).toContain("Your meeting with Grace Hopper is cancelled.");
    expect(message.text).toContain(`When: ${INVITEE_WHEN}`);
    expect(message.text).toContain("Reason: Something came up.");
    expect(message.text).toContain(`You can book a new time whenever it suits you.\n\nBook again: ${BOOK_AGAIN_URL}`);
    expect(message.html).toContain(`href="${BOOK_AGAIN_URL}"`);
    expect(message.text).not.toContain(MANAGE_URL);
    expect(message.text).not.toContain("meet.example");
  });

  it("tells the host, with the reason", () => {
    const message = render("cancellation", "host", cancelled);
    expect(message.subject).toBe("Cancelled: Intro call with Ada Lovelace on 1 Dec 2026, 09:00 EST");
    expect(message.text).toContain("Reason: Something came up.");
    expect(message.text).not.toContain(BOOK_AGAIN_URL);
  });

  it("leaves out a reason that was not given and a book-again link that does not exist", () => {
    const message = render("cancellation", "invitee", meetingFacts({ status: "cancelled", bookAgainUrl: null }));
    expect(message.text).not.toContain("Reason");
    expect(message.text).not.toContain("Book again");
    expect(message.text).not.toContain("book a new time");
  });
});

describe("reminders", () => {
  for (const [kind, when] of [
    ["reminder_24h", "in 24 hours"],
    ["reminder_1h", "in 1 hour"],
  ] as const) {
    it(`${kind} says "${when}" and repeats the join details (and the manage link for the invitee)`, () => {
      const toInvitee = render(kind, "invitee");
      expect(toInvitee.subject).toBe(`Reminder: Intro call with Grace Hopper ${when}`);
      expect(toInvitee.text).toContain(`Your meeting with Grace Hopper starts ${when}.`);
      expect(toInvitee.text).toContain("Join: https://meet.example/abc");
      expect(toInvitee.text).toContain(`Reschedule or cancel: ${MANAGE_URL}`);
      const toHost = render(kind, "host");
      expect(toHost.subject).toBe(`Reminder: Intro call with Ada Lovelace ${when}`);
      expect(toHost.text).toContain("Join: https://meet.example/abc");
      expect(toHost.text).toContain("Company: Analytical Engines Ltd");
      expect(toHost.text).not.toContain(MANAGE_URL);
    });
  }

  it("leave the manage link out when the booking has none (made before tokens were kept)", () => {
    expect(render("reminder_1h", "invitee", meetingFacts({ manageUrl: null })).text).not.toContain("Reschedule or cancel");
  });
});

describe("follow-up", () => {
  it("thanks the invitee and offers to book again", () => {
    const message = render("follow_up", "invitee");
    expect(message.subject).toBe("Thank you for meeting: Intro call");
    expect(message.text).toContain("Thank you for meeting with Grace Hopper.");
    expect(message.text).toContain(`Book another time: ${BOOK_AGAIN_URL}`);
    expect(message.text).not.toContain(MANAGE_URL);
    expect(message.text).not.toContain("Join:");
  });

  it("tells a host what the invitee was sent", () => {
    expect(render("follow_up", "host").text).toContain("Convene sent them a thank-you note with a link to book again.");
  });
});

describe("escaping", () => {
  const payload = (field: string) => `<b id="${field}">'${field}' & co</b>`;
  const hostile = meetingFacts({
    title: payload("title"),
    description: payload("description"),
    location: { type: "in_person", label: "Where", text: payload("location"), url: null },
    organizer: { name: payload("organizer"), email: "grace@example.com" },
    hosts: [
      { name: payload("host"), email: "grace@example.com", timeZone: "America/New_York" },
      { name: payload("host2"), email: "alan@example.com", timeZone: "Europe/London" },
    ],
    invitee: { name: payload("invitee"), email: `"ada<script>"@example.com`, timeZone: "Europe/Berlin" },
    answers: [{ label: payload("label"), value: payload("answer") }],
    guests: [payload("guest")],
    notes: payload("notes"),
    cancelReason: payload("reason"),
    previousStartMs: Date.parse("2026-11-30T14:00:00Z"),
  });

  for (const kind of MESSAGE_KINDS) {
    for (const role of RECIPIENT_ROLES) {
      it(`${kind} to the ${role}: no user-supplied markup reaches the HTML`, () => {
        const { html, text, subject } = renderMessage(kind, role, hostile, role === "invitee" ? hostile.invitee : hostile.hosts[0]!);
        expect(html).not.toMatch(/<b[ >]/);
        expect(html).not.toContain("<script");
        expect(html).toContain("&lt;b id=&quot;title&quot;&gt;&#39;title&#39; &amp; co&lt;/b&gt;");
        // Plain text and the subject are not HTML: they keep the characters as typed.
        expect(text).toContain(payload("title"));
        expect(subject).toContain(payload("title"));
      });
    }
  }

  it("escapes every field where it appears", () => {
    const htmlOf = (kind: MessageKind, role: RecipientRole) => renderMessage(kind, role, hostile, role === "invitee" ? hostile.invitee : hostile.hosts[0]!).html;
    const escaped = (field: string) => `&lt;b id=&quot;${field}&quot;&gt;&#39;${field}&#39; &amp; co&lt;/b&gt;`;
    const hostConfirmation = htmlOf("confirmation", "host");
    for (const field of ["title", "location", "host", "host2", "invitee", "label", "answer", "guest", "notes"]) expect(hostConfirmation, field).toContain(escaped(field));
    expect(hostConfirmation).toContain("&quot;ada&lt;script&gt;&quot;@example.com");
    expect(htmlOf("confirmation", "invitee")).toContain(escaped("description"));
    expect(htmlOf("cancellation", "invitee")).toContain(escaped("reason"));
  });

  it("never links a location that is not a web URL", () => {
    const rooms = { jitsiBaseUrl: "https://meet.jit.si", roomKey: new Uint8Array(32) };
    const location = resolveMeetingLocation({ type: "custom", value: "javascript:alert(document.cookie)" }, "bk_1", rooms);
    const message = render("confirmation", "invitee", meetingFacts({ location }));
    expect(message.html).not.toContain('href="javascript');
    expect(message.text).toContain("Where: javascript:alert(document.cookie)");
  });

  it("keeps the subject on one line whatever the title holds", () => {
    const message = render("confirmation", "invitee", meetingFacts({ title: "Intro\r\nBcc: someone@example.com" }));
    expect(message.subject).toBe("Confirmed: Intro Bcc: someone@example.com with Grace Hopper on 1 Dec 2026, 15:00 CET");
  });
});

describe("composeMessage", () => {
  it("greets without a name when the recipient has none, in the recipient's locale", () => {
    const layout = composeMessage("confirmation", "invitee", facts, { name: " ", email: "x@example.com", timeZone: "America/Chicago", locale: "en-US" });
    expect(layout.greeting).toBe("Hello,");
    expect(layout.rows.find((row) => row.label === "When")?.value).toBe("Tuesday, December 1, 2026, 8:00 – 8:30 AM (America/Chicago, CST)");
  });
});
