// An owner's calendar connections: connect a CalDAV account or an ICS feed
// (checked against the server before anything is kept, then synced at once),
// list them with their health, choose which calendars block time and which
// receives new events, sync now, disconnect.
import { isCalendarFailure, type CalendarFailure } from "../../core/calendars/calendar-errors.js";
import { ConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import type { ConnectionRecord, NewConnection, ProviderConfig, RemoteCalendar } from "../ports/calendars.js";
import { ownUserIdOf, reachOf } from "../auth/reach.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import type { CalendarDeps } from "./calendar-deps.js";
import { requireCreateContactsGrant } from "../contacts/create-contacts-setting.js";
import { openUnsavedConfig } from "./oauth-access.js";
import { stopPushChannels } from "./push-channels.js";
import { syncConnection } from "./sync-calendars.js";

export type CalDavInput = { serverUrl: string; username: string; password: string; label?: string | undefined };
export type IcsFeedInput = { url: string; label?: string | undefined };
export type CalendarChoice = { id: string; isConflict?: boolean | undefined; isDestination?: boolean | undefined };

/** A calendar server's failure as the caller's problem: credentials, reachability, or what the server said. */
export function calendarProblem(error: CalendarFailure): ConveneError {
  const code = error.kind === "auth" ? "CALENDAR_AUTH_FAILED" : error.kind === "unavailable" ? "CALENDAR_UNREACHABLE" : error.kind === "refused" ? "CALENDAR_URL_REFUSED" : "CALENDAR_REJECTED";
  return new ConveneError(code, error.message, { cause: error, details: { serverStatus: error.status } });
}

function parsedUrl(text: string, path: string, schemes: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConveneError("VALIDATION_FAILED", `${path} must be an absolute URL.`, { details: { errors: [{ path, message: "must be an absolute URL" }] } });
  }
  if (!schemes.includes(url.protocol.replace(/:$/, ""))) {
    throw new ConveneError("VALIDATION_FAILED", `${path} must start with ${schemes.join(", ")}.`, { details: { errors: [{ path, message: `must be ${schemes.join(" or ")}` }] } });
  }
  if (url.username || url.password) {
    throw new ConveneError("VALIDATION_FAILED", `${path} must not carry credentials; use username and password.`, { details: { errors: [{ path, message: "must not contain user:password@" }] } });
  }
  return url;
}

/** A feed's address as shown: private feed URLs carry their secret in the path or query, so only scheme and host are shown. */
function feedDisplayUrl(url: URL): string {
  return `${url.protocol}//${url.host}/…`;
}

async function listOrProblem(deps: CalendarDeps, config: ProviderConfig): Promise<RemoteCalendar[]> {
  try {
    return await openUnsavedConfig(deps, config).listCalendars();
  } catch (error) {
    throw isCalendarFailure(error) ? calendarProblem(error) : error;
  }
}

/** Connects any provider config: checked against the server first, kept sealed, synced at once. */
export async function connectCalendar(deps: CalendarDeps, ctx: RequestContext, config: ProviderConfig, connection: Omit<NewConnection, "userId" | "configSealed">): Promise<ConnectionRecord> {
  const { tenantId, userId } = ctx.auth;
  const calendars = await listOrProblem(deps, config);
  const created = await deps.store.transaction(async (repos) => {
    const record = await repos.calendars.createConnection(tenantId, { ...connection, userId, configSealed: deps.secrets.seal(JSON.stringify(config)) }, ctx.nowMs);
    await repos.calendars.syncCalendarList(tenantId, record.id, calendars);
    await recordAudit(repos, ctx, "calendar.connected", { type: "calendar_connection", id: record.id }, { provider: connection.provider, serverUrl: connection.serverUrl });
    return record;
  });
  // The first sync runs now, so the owner's busy time counts from the moment they connect.
  const synced = await syncConnection(deps, tenantId, created.id, ctx.nowMs);
  return synced?.connection ?? created;
}

export async function connectCalDav(deps: CalendarDeps, ctx: RequestContext, input: CalDavInput): Promise<ConnectionRecord> {
  const url = parsedUrl(input.serverUrl, "serverUrl", ["https", "http"]);
  const serverUrl = url.toString();
  return connectCalendar(
    deps,
    ctx,
    { kind: "caldav", serverUrl, username: input.username, password: input.password },
    { provider: "caldav", label: input.label?.trim() || `${input.username} on ${url.host}`, serverUrl, username: input.username },
  );
}

export async function connectIcsFeed(deps: CalendarDeps, ctx: RequestContext, input: IcsFeedInput): Promise<ConnectionRecord> {
  const url = parsedUrl(input.url, "url", ["https", "http", "webcal", "webcals"]);
  const config: ProviderConfig = { kind: "ics", url: url.toString() };
  const [calendar] = await listOrProblem(deps, config);
  return connectCalendar(deps, ctx, config, { provider: "ics", label: input.label?.trim() || calendar?.name || url.host, serverUrl: feedDisplayUrl(url), username: null });
}

/**
 * The connections the caller sees, each with its calendars and sync state: a
 * member their own; owners and admins everyone's (to help a colleague whose
 * calendar needs reconnecting), though each changes only their own (calendars.write).
 */
export function listCalendarConnections(deps: CalendarDeps, ctx: RequestContext): Promise<ConnectionRecord[]> {
  return deps.store.calendars.listConnections(ctx.auth.tenantId, { userId: ownUserIdOf(reachOf(ctx.auth, "calendars.read")) });
}

/** Whose each connection is (names are no secret: members.read is everyone's), for the answers that name them. */
export async function connectionUserNames(deps: CalendarDeps, ctx: RequestContext): Promise<Map<string, string>> {
  return new Map((await deps.store.users.list(ctx.auth.tenantId)).map((user) => [user.id, user.name]));
}

async function ownConnection(deps: CalendarDeps, tenantId: TenantId, userId: string, connectionId: string): Promise<ConnectionRecord> {
  const connection = await deps.store.calendars.getConnection(tenantId, connectionId);
  if (!connection || connection.userId !== userId) throw new ConveneError("NOT_FOUND", "No calendar connection with this id.");
  return connection;
}

export async function getCalendarConnection(deps: CalendarDeps, ctx: RequestContext, connectionId: string): Promise<ConnectionRecord> {
  const reach = reachOf(ctx.auth, "calendars.read");
  if (reach.scope === "own") return ownConnection(deps, ctx.auth.tenantId, reach.userId, connectionId);
  const connection = await deps.store.calendars.getConnection(ctx.auth.tenantId, connectionId);
  if (!connection) throw new ConveneError("NOT_FOUND", "No calendar connection with this id.");
  return connection;
}

/** The owner's choices for the connection's calendars (a read-only calendar cannot receive events) and its settings. */
export async function updateCalendarConnection(
  deps: CalendarDeps,
  ctx: RequestContext,
  connectionId: string,
  choices: CalendarChoice[],
  settings: { createContacts?: boolean | undefined } = {},
): Promise<ConnectionRecord> {
  const { tenantId, userId } = ctx.auth;
  const connection = await ownConnection(deps, tenantId, userId, connectionId);
  if (settings.createContacts === true) requireCreateContactsGrant(deps, connection);
  const errors = choices.flatMap((choice, i) => {
    const calendar = connection.calendars.find((candidate) => candidate.id === choice.id);
    if (!calendar) return [{ path: `calendars.${i}.id`, message: "is not a calendar of this connection" }];
    if (choice.isDestination && calendar.readOnly) return [{ path: `calendars.${i}.isDestination`, message: "this calendar is read-only" }];
    return [];
  });
  if (choices.filter((choice) => choice.isDestination).length > 1) errors.push({ path: "calendars", message: "only one calendar can receive new events" });
  if (errors.length > 0) throw new ConveneError("VALIDATION_FAILED", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { details: { errors } });
  await deps.store.transaction(async (repos) => {
    // Unset destinations first, so a move from one calendar to another in one request never sees two.
    const ordered = [...choices].sort((a, b) => Number(a.isDestination === true) - Number(b.isDestination === true));
    for (const choice of ordered) await repos.calendars.updateCalendar(tenantId, choice.id, choice);
    if (settings.createContacts !== undefined) await repos.calendars.updateConnectionState(tenantId, connectionId, { createContacts: settings.createContacts }, ctx.nowMs);
    await recordAudit(repos, ctx, "calendar.updated", { type: "calendar_connection", id: connectionId }, { calendars: choices, ...settings });
  });
  return ownConnection(deps, tenantId, userId, connectionId);
}

export async function syncCalendarConnectionNow(deps: CalendarDeps, ctx: RequestContext, connectionId: string): Promise<ConnectionRecord> {
  const { tenantId, userId } = ctx.auth;
  await ownConnection(deps, tenantId, userId, connectionId);
  const outcome = await syncConnection(deps, tenantId, connectionId, ctx.nowMs);
  if (!outcome) throw new ConveneError("NOT_FOUND", "No calendar connection with this id.");
  return outcome.connection;
}

/** Disconnects: its busy time stops counting at once; events already written stay in the owner's calendar. */
export async function deleteCalendarConnection(deps: CalendarDeps, ctx: RequestContext, connectionId: string): Promise<void> {
  const { tenantId, userId } = ctx.auth;
  await ownConnection(deps, tenantId, userId, connectionId);
  // Google and Microsoft would otherwise keep posting changes here until the channels end.
  await stopPushChannels(deps, tenantId, connectionId, ctx.nowMs);
  await deps.store.transaction(async (repos) => {
    await repos.calendars.deleteConnection(tenantId, connectionId);
    await recordAudit(repos, ctx, "calendar.disconnected", { type: "calendar_connection", id: connectionId });
  });
}
