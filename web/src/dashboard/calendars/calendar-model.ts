// The words for calendar connections, shared by the Calendars page, the link
// wizard's preview and a booking's page: a connection's health, how old its
// busy time is and when that deserves a warning, a booking's calendar write
// as a state badge, and the CalDAV presets with their app-password help.
import type { paths } from "../../api/client";
import { formatDateTime } from "../../lib/time";
import type { StateView } from "../deliveries/delivery-model";

export type Connection = paths["/api/v1/calendars"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
export type ConnectedCalendar = Connection["calendars"][number];
export type ConnectionStatus = Connection["status"];
export type CalendarWrite = paths["/api/v1/bookings/{id}"]["get"]["responses"][200]["content"]["application/json"]["calendarWrites"][number];

export const CALENDARS_KEY = ["calendars"] as const;

/** Busy time older than this many sync intervals is called out, even when the last sync went well (the background sync is overdue). */
export const STALE_AFTER_INTERVALS = 3;

export const PROVIDER_LABEL: Record<Connection["provider"], string> = { caldav: "CalDAV", ics: "ICS feed", memory: "Test calendar", google: "Google", microsoft: "Microsoft" };

export type OAuthProvider = "google" | "microsoft";

/** The providers connected by consent (a Reconnect button, not a new app password). */
export function oauthProviderOf(connection: Pick<Connection, "provider">): OAuthProvider | null {
  return connection.provider === "google" || connection.provider === "microsoft" ? connection.provider : null;
}

export const OAUTH_CONNECT: Record<OAuthProvider, { label: string; name: string }> = {
  google: { label: "Connect Google Calendar", name: "Google Calendar" },
  microsoft: { label: "Connect Microsoft Outlook", name: "Microsoft Outlook" },
};

/** Where the browser starts a consent (a plain link: the server redirects to the provider). */
export function oauthConnectHref(provider: OAuthProvider, reconnectConnectionId?: string): string {
  const path = `/api/v1/calendars/connect/${provider}`;
  return reconnectConnectionId ? `${path}?reconnect=${encodeURIComponent(reconnectConnectionId)}` : path;
}

/** The callback's ?error=<CODE> in words: what happened and what to do. */
export function oauthProblem(code: string): { title: string; advice: string } {
  switch (code) {
    case "OAUTH_CONSENT_DENIED":
      return { title: "Access was not granted", advice: "Nothing was connected. To connect the calendar, try again and choose Allow on the consent page." };
    case "OAUTH_STATE_INVALID":
      return { title: "That sign-in link expired or was already used", advice: "For your safety it works once, for ten minutes, in the browser that started it. Start again from this page." };
    case "OAUTH_PROVIDER_NOT_CONFIGURED":
      return { title: "This provider is not set up on this server", advice: "Ask whoever runs Convene to set the client id and secret (see the README's Calendars section)." };
    case "OAUTH_SESSION_REQUIRED":
    case "UNAUTHENTICATED":
      return { title: "You were signed out", advice: "Sign in, then connect the calendar again." };
    case "CALENDAR_AUTH_FAILED":
      return { title: "The provider refused the sign-in", advice: "Try again; if it keeps failing, remove Convene's access in your account's security settings and connect again." };
    case "CALENDAR_UNREACHABLE":
      return { title: "The provider could not be reached", advice: "Try again in a few minutes." };
    case "NOT_FOUND":
      return { title: "That calendar connection no longer exists", advice: "Connect the calendar again from this page." };
    default:
      return { title: "The calendar could not be connected", advice: "Try again; if it keeps failing, the server's log says why." };
  }
}

export type Health = { label: string; tone: "success" | "danger" | "accent" | "warning" };

export const HEALTH: Record<ConnectionStatus, Health> = {
  ok: { label: "Synced", tone: "success" },
  pending: { label: "Syncing…", tone: "accent" },
  error: { label: "Error", tone: "danger" },
  needs_reconnect: { label: "Needs reconnect", tone: "warning" },
};

/** "just now", "1 minute ago", "3 hours ago", "2 days ago": rounded down, as a clock on the wall would say it. */
export function agoLabel(seconds: number): string {
  if (seconds < 60) return "just now";
  const [amount, unit] = seconds < 3600 ? [Math.floor(seconds / 60), "minute"] : seconds < 86_400 ? [Math.floor(seconds / 3600), "hour"] : [Math.floor(seconds / 86_400), "day"];
  return `${amount} ${unit}${amount === 1 ? "" : "s"} ago`;
}

/**
 * The sync interval as the server applies it: after a successful sync the next
 * one is due one interval later. Unknown while the last sync failed (the wait
 * is a backoff then) or never succeeded.
 */
export function syncIntervalMs(connection: Pick<Connection, "status" | "lastSyncedAt" | "nextSyncAt">): number | null {
  if (connection.status !== "ok" || !connection.lastSyncedAt) return null;
  const intervalMs = Date.parse(connection.nextSyncAt) - Date.parse(connection.lastSyncedAt);
  return intervalMs > 0 ? intervalMs : null;
}

export type Freshness = {
  /** How old the busy time is now, in seconds; null before the first successful sync. */
  ageSeconds: number | null;
  /** One line under the card's title. */
  summary: string;
  /** Set when the owner should know the busy time may be out of date, and why. */
  warning: string | null;
};

/**
 * How fresh a connection's busy time is. `elapsedMs` is how long ago the list
 * was fetched: the server's staleSeconds plus that, so a wrong clock in the
 * browser changes nothing.
 */
export function freshness(connection: Connection, elapsedMs: number, timeZone: string): Freshness {
  const ageSeconds = connection.staleSeconds === null ? null : connection.staleSeconds + Math.max(0, Math.floor(elapsedMs / 1000));
  const ago = ageSeconds === null ? null : agoLabel(ageSeconds);
  const summary = ago === null ? "Not synced yet" : `Last synced ${ago}`;
  const cause = connection.lastError ?? "no answer";
  switch (connection.status) {
    case "error":
      return {
        ageSeconds,
        summary,
        warning:
          ago === null
            ? `No busy time yet; the server could not be reached: ${cause}. Next try ${formatDateTime(connection.nextSyncAt, timeZone)}.`
            : `Showing busy time last synced ${ago}; the server could not be reached: ${cause}. Next try ${formatDateTime(connection.nextSyncAt, timeZone)}.`,
      };
    case "needs_reconnect": {
      const still = ago === null ? "" : `; the busy time synced ${ago} still counts`;
      return {
        ageSeconds,
        summary,
        warning:
          connection.provider === "ics"
            ? `The feed now asks for a password (${cause}). New events in it no longer block your time${still}. Its address may have been reset: add the new address and disconnect this one.`
            : oauthProviderOf(connection)
              ? `${PROVIDER_LABEL[connection.provider]} no longer lets Convene in: access was revoked or expired (${cause}). New events there no longer block your time${still}. Reconnect to sign in and allow access again.`
              : `The server refused the saved password (${cause}). New events there no longer block your time${still}. Create a new app password, then disconnect this calendar and connect it again.`,
      };
    }
    case "pending":
      return { ageSeconds, summary, warning: null };
    case "ok": {
      const intervalMs = syncIntervalMs(connection);
      const isOverdue = ageSeconds !== null && intervalMs !== null && ageSeconds * 1000 > STALE_AFTER_INTERVALS * intervalMs;
      return { ageSeconds, summary, warning: isOverdue ? `Showing busy time last synced ${ago}: the regular sync is overdue. Try “Sync now”.` : null };
    }
  }
}

/** What "Sync now" says when it comes back. */
export function syncOutcome(connection: Connection): { text: string; isError: boolean } {
  switch (connection.status) {
    case "ok": {
      const count = connection.calendars.length;
      return { text: `Synced just now: ${count} calendar${count === 1 ? "" : "s"}, busy time up to date.`, isError: false };
    }
    case "pending":
      return { text: "Sync started; it finishes in the background.", isError: false };
    case "error":
      return { text: `Sync failed: ${connection.lastError ?? "the server did not answer"}.`, isError: true };
    case "needs_reconnect": {
      const detail = connection.lastError ? ` (${connection.lastError})` : "";
      return oauthProviderOf(connection)
        ? { text: `Sync failed: ${PROVIDER_LABEL[connection.provider]} no longer lets Convene in${detail}. Reconnect to allow access again.`, isError: true }
        : { text: `Sync failed: the server refused the saved password${detail}.`, isError: true };
    }
  }
}

/** A colour from the calendar server, if it is one CSS reads the same way (#rgb, #rrggbb, #rrggbbaa); anything else is not drawn. */
export function calendarColor(color: string | null): string | null {
  return color && /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(color) ? color : null;
}

/** The calendar that receives new bookings, across all of the owner's connections (there is at most one). */
export function destinationOf(connections: readonly Connection[]): { connection: Connection; calendar: ConnectedCalendar } | null {
  for (const connection of connections) {
    const calendar = connection.calendars.find((candidate) => candidate.isDestination);
    if (calendar) return { connection, calendar };
  }
  return null;
}

export type CalendarChoice = { id: string; isConflict?: boolean; isDestination?: boolean };

/** The connections as they will be once the server has applied a choice: shown at once, so a checkbox answers the click. */
export function applyChoice(connections: readonly Connection[], choice: CalendarChoice): Connection[] {
  return connections.map((connection) => ({
    ...connection,
    calendars: connection.calendars.map((calendar) => {
      if (calendar.id === choice.id) return { ...calendar, ...choice };
      // One calendar receives new bookings: choosing another un-chooses it.
      return choice.isDestination && calendar.isDestination ? { ...calendar, isDestination: false } : calendar;
    }),
  }));
}

/** How many calendars block time, across all connections. */
export function blockingCount(connections: readonly Connection[]): number {
  return connections.reduce((sum, connection) => sum + connection.calendars.filter((calendar) => calendar.isConflict).length, 0);
}

/** A booking's copy in one host's calendar as a state badge, in the delivery log's words and shapes (the calendar's name is shown beside it). */
export function calendarWriteView(write: CalendarWrite, timeZone: string): StateView {
  switch (write.state) {
    case "written":
      return { label: "Written", tone: "success", mark: "check", detail: formatDateTime(write.updatedAt, timeZone) };
    case "removed":
      return { label: "Removed", tone: "", mark: "dash", detail: "Taken out after a cancellation or a change of host" };
    case "failed":
      return { label: "Failed", tone: "danger", mark: "cross", detail: `Gave up after ${write.attempts} attempt${write.attempts === 1 ? "" : "s"}` };
    case "skipped":
      return { label: "Not written", tone: "", mark: "dash", detail: "No calendar chosen for new bookings" };
    case "pending":
      return write.attempts > 0
        ? { label: "Retrying", tone: "warning", mark: "retry", detail: `${write.attempts} attempt${write.attempts === 1 ? "" : "s"} so far` }
        : { label: "Pending", tone: "accent", mark: "clock", detail: "Being written" };
  }
}

/** Whether the attempts are worth a mention beside the badge: not for a copy written (or removed) at the first try, nor where the detail already counts them. */
export function showsAttempts(write: CalendarWrite): boolean {
  return (write.state === "written" || write.state === "removed") && write.attempts > 1;
}

export type CalDavPresetId = "icloud" | "fastmail" | "nextcloud" | "other";

export type CalDavPreset = {
  id: CalDavPresetId;
  label: string;
  /** Filled into the server field when the preset is chosen; "" leaves it to the owner. */
  serverUrl: string;
  serverPlaceholder: string;
  serverHint: string;
  usernameHint: string;
  /** Where the app password is made, step by step; the first step may be a site. */
  appPasswordSteps: string[];
  appPasswordSite: string | null;
};

export const CALDAV_PRESETS: CalDavPreset[] = [
  {
    id: "icloud",
    label: "iCloud",
    serverUrl: "https://caldav.icloud.com",
    serverPlaceholder: "https://caldav.icloud.com",
    serverHint: "Apple's CalDAV server; your calendars are found from here.",
    usernameHint: "Your Apple Account email address.",
    appPasswordSteps: ["appleid.apple.com", "Sign-In and Security", "App-Specific Passwords"],
    appPasswordSite: "https://appleid.apple.com",
  },
  {
    id: "fastmail",
    label: "Fastmail",
    serverUrl: "https://caldav.fastmail.com",
    serverPlaceholder: "https://caldav.fastmail.com",
    serverHint: "Fastmail's CalDAV server; your calendars are found from here.",
    usernameHint: "Your Fastmail email address.",
    appPasswordSteps: ["Settings", "Privacy & Security", "App passwords (choose access to CalDAV)"],
    appPasswordSite: null,
  },
  {
    id: "nextcloud",
    label: "Nextcloud",
    serverUrl: "",
    serverPlaceholder: "https://<your-server>/remote.php/dav",
    serverHint: "Your Nextcloud's address followed by /remote.php/dav, e.g. https://cloud.example.com/remote.php/dav.",
    usernameHint: "Your Nextcloud user name.",
    appPasswordSteps: ["Settings", "Security", "Devices & sessions", "Create new app password"],
    appPasswordSite: null,
  },
  {
    id: "other",
    label: "Other",
    serverUrl: "",
    serverPlaceholder: "https://caldav.example.com",
    serverHint: "Your provider's CalDAV address (RFC 4791); their help pages list it.",
    usernameHint: "Usually your email address.",
    appPasswordSteps: [],
    appPasswordSite: null,
  },
];

/** The preset with this id ("other" for none known). */
export function presetOf(id: CalDavPresetId): CalDavPreset {
  return CALDAV_PRESETS.find((preset) => preset.id === id) ?? CALDAV_PRESETS[CALDAV_PRESETS.length - 1]!;
}

/** A connect form's failure in words: a title for what went wrong and what to try. Field-level problems are shown at their fields instead. */
export function connectProblem(code: string, detail: string, kind: "caldav" | "ics"): { title: string; advice: string; detail: string } {
  switch (code) {
    case "CALENDAR_AUTH_FAILED":
      return {
        title: kind === "caldav" ? "The server refused this user name and password" : "The feed asks for a password",
        advice:
          kind === "caldav"
            ? "Check the user name and use an app password: iCloud and Fastmail refuse your account's own password here."
            : "Convene can read a feed only at an address that works without signing in: use the calendar's secret or public address.",
        detail,
      };
    case "CALENDAR_UNREACHABLE":
      return { title: kind === "caldav" ? "The calendar server could not be reached" : "The feed could not be loaded", advice: "Check the address for typos; if it is right, the server may be down: try again in a few minutes.", detail };
    case "CALENDAR_URL_REFUSED":
      return { title: "This address is not allowed", advice: "Convene only connects to public internet addresses, not to this machine or a private network.", detail };
    case "CALENDAR_REJECTED":
      return kind === "caldav"
        ? { title: "The server did not accept the request", advice: "Check that the address is your provider's CalDAV address.", detail }
        : { title: "No calendar at this address", advice: "Check that the address is complete and still valid: it must lead to an iCalendar (.ics) feed.", detail };
    case "VALIDATION_FAILED":
      return { title: "Check the highlighted fields", advice: "", detail };
    default:
      return { title: "Could not connect", advice: "", detail };
  }
}
