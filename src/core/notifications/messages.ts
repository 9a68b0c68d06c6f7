// What Convene tells invitees and hosts about a meeting, for every kind of
// message: subject, plain text and HTML. Times are written on the recipient's
// own clock with the zone named; every value a person typed (names, title,
// answers, notes, reasons) goes through the layout, which escapes it for HTML.
// Pure: the facts and the recipient come in, strings go out.
import type { BookingStatus } from "../booking/booking.js";
import type { MeetingLocation } from "../booking/meeting-location.js";
import { DEFAULT_MESSAGE_LOCALE, formatInstantShort, formatTimeRange, type MessageLocale } from "./meeting-time.js";
import { renderHtml, renderText, singleLine, type LayoutAction, type LayoutRow, type MessageLayout } from "./message-layout.js";

export const MESSAGE_KINDS = ["confirmation", "reschedule", "cancellation", "reminder_24h", "reminder_1h", "follow_up", "attendance_check"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const RECIPIENT_ROLES = ["invitee", "host"] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

export type Person = { name: string; email: string };
export type PersonInZone = Person & { timeZone: string };
/** Who a message is written for; en-GB unless said otherwise (24-hour clock, day before month). */
export type MessageRecipient = PersonInZone & { locale?: MessageLocale };

/** Everything any message or invite about one booking needs, already loaded and labelled. */
export type MeetingFacts = {
  bookingId: string;
  /** The invite's SEQUENCE: 0 when booked, one more on every reschedule and on cancel. */
  sequence: number;
  status: BookingStatus;
  /** The link's title. */
  title: string;
  /** The link's description; "" for none. */
  description: string;
  startMs: number;
  endMs: number;
  /** Where a reschedule moved the meeting from. */
  previousStartMs?: number;
  previousEndMs?: number;
  /** Where the meeting happens, resolved for this booking (resolveMeetingLocation); null when its link is gone. */
  location: MeetingLocation | null;
  /** The link's owner; ORGANIZER of the invite. */
  organizer: Person;
  hosts: PersonInZone[];
  invitee: PersonInZone;
  /** The invitee's answers, each under its question's label, values already joined into text. */
  answers: { label: string; value: string }[];
  /** Guests' email addresses. */
  guests: string[];
  notes: string | null;
  cancelReason: string | null;
  /** The invitee's manage link (reschedule or cancel); only ever shown to the invitee. */
  manageUrl: string | null;
  /** The link's public booking page. */
  bookAgainUrl: string | null;
  /** Convene's base URL. */
  publicUrl: string;
  /** For a booking made at Cal.com or Calendly: the provider's name (the host's messages say where it came from). */
  sourceName?: string | null;
  /** The company of who booked (their lead's, or from the answers), when known. */
  company?: string | null;
  /** The lead the booking was matched to, for the host's messages. */
  lead?: { name: string | null; company: string | null; title: string | null; campaignName: string | null } | null;
  /** The attendance check's two one-click links (host only). */
  attendanceUrls?: { showed: string; noShow: string } | null;
};

export type RenderedMessage = { subject: string; text: string; html: string };

/** "Grace", "Grace and Alan", "Grace, Alan and Ada". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;
}

const HOURS_BEFORE: Partial<Record<MessageKind, string>> = { reminder_24h: "in 24 hours", reminder_1h: "in 1 hour" };

type Wording = { subject: string; paragraphs: string[]; actionIntro?: string[] };

type Context = {
  kind: MessageKind;
  role: RecipientRole;
  facts: MeetingFacts;
  recipient: MessageRecipient;
  locale: MessageLocale;
  /** The hosts' names, or the organizer's when a booking lists no host. */
  hostNames: string;
  whenShort: string;
};

function inviteeWording({ kind, facts, hostNames, whenShort }: Context): Wording {
  const { title } = facts;
  switch (kind) {
    case "confirmation":
      return { subject: `Confirmed: ${title} with ${hostNames} on ${whenShort}`, paragraphs: [`Your meeting with ${hostNames} is booked.`] };
    case "reschedule":
      return { subject: `Rescheduled: ${title} with ${hostNames}, now ${whenShort}`, paragraphs: [`Your meeting with ${hostNames} has moved to a new time.`] };
    case "cancellation":
      return {
        subject: `Cancelled: ${title} with ${hostNames} on ${whenShort}`,
        paragraphs: [`Your meeting with ${hostNames} is cancelled.`],
        actionIntro: facts.bookAgainUrl ? ["You can book a new time whenever it suits you."] : [],
      };
    case "reminder_24h":
    case "reminder_1h":
      return { subject: `Reminder: ${title} with ${hostNames} ${HOURS_BEFORE[kind]!}`, paragraphs: [`Your meeting with ${hostNames} starts ${HOURS_BEFORE[kind]!}.`] };
    case "attendance_check":
      // Planned for hosts only; worded neutrally should one ever reach an invitee.
      return { subject: `Your meeting: ${title}`, paragraphs: [`Your meeting with ${hostNames} has ended.`] };
    case "follow_up":
      return {
        subject: `Thank you for meeting: ${title}`,
        paragraphs: [`Thank you for meeting with ${hostNames}.`],
        actionIntro: facts.bookAgainUrl ? ["If you would like to talk again, book another time whenever it suits you."] : [],
      };
  }
}

function hostWording({ kind, facts, whenShort }: Context): Wording {
  const { title } = facts;
  const invitee = facts.invitee.name;
  const via = facts.sourceName ? ` (via ${facts.sourceName})` : "";
  switch (kind) {
    case "confirmation":
      if (facts.sourceName) {
        const who = facts.company ? `${invitee} – ${facts.company}` : invitee;
        return { subject: `New meeting booked: ${who}`, paragraphs: [`${invitee} booked ${title} on ${whenShort}${via}.`] };
      }
      return { subject: `New booking: ${title} with ${invitee} on ${whenShort}`, paragraphs: [`${invitee} booked ${title}.`] };
    case "attendance_check":
      return {
        subject: `Did ${invitee} attend ${title}?`,
        paragraphs: [`Your meeting with ${invitee} has ended, and nobody has said yet whether they came.`],
        actionIntro: facts.attendanceUrls ? ["One click records it (the page that opens asks you to confirm):"] : [],
      };
    case "reschedule":
      return { subject: `Rescheduled: ${title} with ${invitee}, now ${whenShort}`, paragraphs: [`Your meeting with ${invitee} has moved to a new time.`] };
    case "cancellation":
      return { subject: `Cancelled: ${title} with ${invitee} on ${whenShort}`, paragraphs: [`Your meeting with ${invitee} is cancelled${via}, and the time is free again.`] };
    case "reminder_24h":
    case "reminder_1h":
      return { subject: `Reminder: ${title} with ${invitee} ${HOURS_BEFORE[kind]!}`, paragraphs: [`Your meeting with ${invitee} starts ${HOURS_BEFORE[kind]!}.`] };
    case "follow_up":
      return {
        subject: `Follow-up sent: ${title} with ${invitee}`,
        paragraphs: [`Your meeting with ${invitee} has ended. Convene sent them a thank-you note${facts.bookAgainUrl ? " with a link to book again" : ""}.`],
      };
  }
}

/** Messages about a meeting still to come repeat its details; cancellation, follow-up and the attendance check only recall it. */
const isUpcoming = (kind: MessageKind) => kind !== "cancellation" && kind !== "follow_up" && kind !== "attendance_check";

function rows({ kind, role, facts, recipient, locale, hostNames }: Context): LayoutRow[] {
  const zone = recipient.timeZone;
  const result: LayoutRow[] = [{ label: "What", value: facts.title }];
  const when = formatTimeRange(facts.startMs, facts.endMs, zone, locale);
  if (kind === "reschedule") {
    result.push({ label: "New time", value: when });
    if (facts.previousStartMs !== undefined) {
      const previousEndMs = facts.previousEndMs ?? facts.previousStartMs + (facts.endMs - facts.startMs);
      result.push({ label: "Previous time", value: formatTimeRange(facts.previousStartMs, previousEndMs, zone, locale) });
    }
  } else {
    result.push({ label: "When", value: when });
  }
  if (role === "host" && facts.sourceName && isUpcoming(kind)) result.push({ label: "Duration", value: `${Math.round((facts.endMs - facts.startMs) / 60_000)} minutes` });
  if (isUpcoming(kind) && facts.location) {
    const { label, text, url } = facts.location;
    result.push({ label, value: text, href: url });
  }
  if (role === "invitee") {
    result.push({ label: "With", value: hostNames });
  } else {
    if (facts.hosts.length > 1) result.push({ label: "Hosts", value: hostNames });
    result.push({ label: "Invitee", value: `${facts.invitee.name} <${facts.invitee.email}>` });
    if (kind === "confirmation" || kind === "reschedule") result.push({ label: "Invitee's time zone", value: facts.invitee.timeZone });
    if (facts.sourceName) result.push({ label: "Booked through", value: facts.sourceName });
    const lead = facts.lead;
    if (lead && kind !== "attendance_check") {
      if (lead.company) result.push({ label: "Company", value: lead.company });
      if (lead.title) result.push({ label: "Job title", value: lead.title });
      if (lead.campaignName) result.push({ label: "Campaign", value: lead.campaignName });
    }
  }
  if (isUpcoming(kind)) {
    if (facts.guests.length > 0) result.push({ label: "Guests", value: facts.guests.join(", ") });
    // Answers are for the host; the invitee wrote them and gets only their own notes back.
    if (role === "host") for (const answer of facts.answers) result.push({ label: answer.label, value: answer.value });
    if (facts.notes) result.push({ label: role === "host" ? "Notes" : "Your notes", value: facts.notes });
    if (kind === "confirmation" && role === "invitee" && facts.description.trim()) result.push({ label: "About", value: facts.description.trim() });
  }
  if (kind === "cancellation" && facts.cancelReason) result.push({ label: "Reason", value: facts.cancelReason });
  return result;
}

function actions({ kind, role, facts }: Context): LayoutAction[] {
  if (kind === "attendance_check") {
    const urls = role === "host" ? facts.attendanceUrls : null;
    return urls ? [{ label: "Showed", url: urls.showed }, { label: "No-show", url: urls.noShow }] : [];
  }
  // The manage link acts as the invitee: it never goes to a host.
  if (role !== "invitee") return [];
  if (isUpcoming(kind)) return facts.manageUrl ? [{ label: "Reschedule or cancel", url: facts.manageUrl }] : [];
  if (!facts.bookAgainUrl) return [];
  return [{ label: kind === "cancellation" ? "Book again" : "Book another time", url: facts.bookAgainUrl }];
}

/** The layout of one message; renderMessage writes it out. Exported for tests and previews. */
export function composeMessage(kind: MessageKind, role: RecipientRole, facts: MeetingFacts, recipient: MessageRecipient): MessageLayout {
  const locale = recipient.locale ?? DEFAULT_MESSAGE_LOCALE;
  const context: Context = {
    kind,
    role,
    facts,
    recipient,
    locale,
    hostNames: listNames(facts.hosts.length > 0 ? facts.hosts.map((host) => host.name) : [facts.organizer.name]),
    whenShort: formatInstantShort(facts.startMs, recipient.timeZone, locale),
  };
  const wording = role === "invitee" ? inviteeWording(context) : hostWording(context);
  const name = recipient.name.trim();
  return {
    subject: singleLine(wording.subject),
    greeting: name ? `Hi ${name},` : "Hello,",
    paragraphs: wording.paragraphs,
    rows: rows(context),
    actionIntro: wording.actionIntro ?? [],
    actions: actions(context),
    footer: { text: "Sent by Convene", url: facts.publicUrl || null },
  };
}

export function renderMessage(kind: MessageKind, role: RecipientRole, facts: MeetingFacts, recipient: MessageRecipient): RenderedMessage {
  const layout = composeMessage(kind, role, facts, recipient);
  return { subject: layout.subject, text: renderText(layout), html: renderHtml(layout) };
}
