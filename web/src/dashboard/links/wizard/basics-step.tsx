// Step 1: what the link is called, where it lives, what it says, and where the meeting happens.
import { Field } from "../../../components/form-field";
import { useCalendarConnections } from "../../calendars/calendar-api";
import { slugFromTitle } from "../../../lib/slug";
import { useOwner } from "../../session";
import { LOCATION_LABELS } from "../link-format";
import type { Draft } from "./draft";
import type { StepProps } from "./step-props";

const LOCATION_FIELD: Record<Draft["locationType"], { label: string; hint: string; placeholder: string } | null> = {
  jitsi: null,
  meeting_url: {
    label: "Meeting URL",
    hint: "The video room you always use, such as your Zoom or Whereby link (https://…). Invitees get it in the confirmation and the invitation; the booking page only says what kind of call it is.",
    placeholder: "https://zoom.us/j/1234567890",
  },
  phone: { label: "Phone number", hint: "The number the invitee calls. Leave it empty to call them instead.", placeholder: "+49 30 1234567" },
  in_person: { label: "Address", hint: "Where you meet; shown in the confirmation.", placeholder: "Main St 1, Berlin" },
  custom: { label: "Details", hint: "How to join, e.g. a meeting room or a link you always use.", placeholder: "Room 4, 2nd floor" },
  google_meet: null,
  teams: null,
};

/** What the locations without a field do with each booking. */
const ROOM_HINT: Partial<Record<Draft["locationType"], string>> = {
  jitsi:
    "Each booking gets a Jitsi room of its own. Its link goes into the confirmation email, the invitation and the invitee's booking page; nobody else can work it out. On the public meet.jit.si, a room opens once someone signs in there (Google, GitHub or Facebook).",
  google_meet:
    "Your Google calendar creates a Google Meet for each booking. Its link goes into the confirmation email, the invitation and the invitee's booking page. In a team link the meeting is made in your calendar when you host, else the first host's; every host needs a Google calendar receiving new events.",
  teams:
    "Your Microsoft calendar creates a Teams meeting for each booking. Its link goes into the confirmation email, the invitation and the invitee's booking page. In a team link the meeting is made in your calendar when you host, else the first host's; every host needs a Microsoft calendar receiving new events.",
};

/** Locations a connected calendar makes, and the provider whose calendar must receive new events. */
const CALENDAR_FOR: Partial<Record<Draft["locationType"], { provider: "google" | "microsoft"; name: string }>> = {
  google_meet: { provider: "google", name: "Google" },
  teams: { provider: "microsoft", name: "Microsoft" },
};

export function BasicsStep({ draft, update, errors, isEditing }: StepProps) {
  const { user } = useOwner();
  const slugShown = draft.slug || "…";
  const hasNoLatinSpelling = !draft.slug && draft.title.trim() !== "" && slugFromTitle(draft.title) === "";
  const locationField = LOCATION_FIELD[draft.locationType];
  const connections = useCalendarConnections();
  // Offered only when the owner's new events go to a calendar of that provider (the server checks every host again on save).
  const hasDestination = (provider: string) => (connections.data ?? []).some((connection) => connection.provider === provider && connection.calendars.some((calendar) => calendar.isDestination));
  const isConnected = (provider: string) => (connections.data ?? []).some((connection) => connection.provider === provider);
  const unavailable = (type: Draft["locationType"]) => {
    const needs = CALENDAR_FOR[type];
    return needs && !hasDestination(needs.provider) && draft.locationType !== type ? needs : null;
  };
  return (
    <div className="stack">
      <Field name="title" label="Title" error={errors.title} hint="Invitees see it as the heading of the booking page.">
        {(control) => (
          <input
            {...control}
            value={draft.title}
            maxLength={200}
            autoComplete="off"
            // The slug follows the title until the owner types one of their own.
            onChange={(event) => {
              const title = event.target.value;
              update((d) => ({ ...d, title, slug: d.isSlugEdited ? d.slug : slugFromTitle(title) }));
            }}
          />
        )}
      </Field>
      <Field
        name="slug"
        label="Address"
        error={errors.slug}
        hint={
          <>
            {window.location.origin}/{user.handle}/<strong>{slugShown}</strong>
            {isEditing
              ? " — changing it breaks the address you shared before."
              : hasNoLatinSpelling
                ? " — this title has no letters an address can use: type one (a-z, 0-9 and dashes)."
                : " — made from the title; change it if you like."}
          </>
        }
      >
        {(control) => (
          <input
            {...control}
            value={draft.slug}
            placeholder="intro-call"
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => update((d) => ({ ...d, slug: event.target.value.toLowerCase(), isSlugEdited: true }))}
          />
        )}
      </Field>
      <Field name="description" label="Description" optional error={errors.description} hint="What the meeting is for; shown on the booking page.">
        {(control) => <textarea {...control} value={draft.description} maxLength={5000} onChange={(event) => update((d) => ({ ...d, description: event.target.value }))} />}
      </Field>
      <fieldset className="fieldset">
        <legend>Location</legend>
        <div className="choice-grid">
          {(Object.keys(LOCATION_LABELS) as Draft["locationType"][]).map((type) => {
            const needs = unavailable(type);
            return (
              <label key={type} className="choice" title={needs ? `Make a ${needs.name} calendar receive new bookings on the Calendars page to offer this` : undefined}>
                <input type="radio" name="locationType" value={type} disabled={needs !== null} checked={draft.locationType === type} onChange={() => update((d) => ({ ...d, locationType: type }))} />
                {LOCATION_LABELS[type]}
                {needs && <span className="muted small"> ({isConnected(needs.provider) ? `let a ${needs.name} calendar receive new bookings first` : `connect a ${needs.name} calendar first`})</span>}
              </label>
            );
          })}
        </div>
        {locationField ? (
          <Field name="locationValue" label={locationField.label} hint={locationField.hint} optional={draft.locationType === "phone"} error={errors.locationValue}>
            {(control) => (
              <input
                {...control}
                value={draft.locationValue}
                maxLength={500}
                placeholder={locationField.placeholder}
                {...(draft.locationType === "meeting_url" ? { inputMode: "url" as const, autoComplete: "url", spellCheck: false } : {})}
                onChange={(event) => update((d) => ({ ...d, locationValue: event.target.value }))}
              />
            )}
          </Field>
        ) : (
          <p className="hint muted small">{ROOM_HINT[draft.locationType]}</p>
        )}
      </fieldset>
    </div>
  );
}
