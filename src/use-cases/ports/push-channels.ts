// Push channels Convene holds open at Google (events.watch) and Microsoft
// (Graph subscriptions), one per calendar whose busy time counts: which
// calendar, the provider's id of it, the hash of the secret the provider
// echoes back, and when it ends.
import type { OAuthProviderKind } from "../../core/calendars/connections.js";
import type { TenantId } from "../../core/tenancy.js";

export type PushChannelRecord = {
  /** Convene's id of the channel: Google's X-Goog-Channel-ID, the first part of Graph's clientState. */
  id: string;
  tenantId: string;
  connectionId: string;
  calendarId: string;
  provider: OAuthProviderKind;
  /** The provider's id of it (Google resourceId, Graph subscription id); null while the provider is being asked. */
  resourceId: string | null;
  /** SHA-256 hex of the token the provider echoes. */
  tokenHash: string;
  expiresAtMs: number;
  createdAtMs: number;
};

export type NewPushChannel = Pick<PushChannelRecord, "id" | "connectionId" | "calendarId" | "provider" | "tokenHash" | "expiresAtMs">;

export interface PushChannelRepository {
  /** Kept before the provider is asked, so a notification that beats the provider's answer finds its channel. */
  insertPending(tenantId: TenantId, channel: NewPushChannel, nowMs: number): Promise<void>;
  /** The provider accepted (or extended) it. */
  activate(tenantId: TenantId, channelId: string, watch: { resourceId: string; expiresAtMs: number }): Promise<void>;
  delete(tenantId: TenantId, channelId: string): Promise<void>;
  /** A connection's channels, oldest first. */
  listOfConnection(tenantId: TenantId, connectionId: string): Promise<PushChannelRecord[]>;
  /** Connections among these with at least one accepted channel that has not ended by nowMs. */
  liveConnectionIds(tenantId: TenantId, connectionIds: string[], nowMs: number): Promise<Set<string>>;
  /** Unscoped, for the push routes: the channel a provider's notification names (its tenant comes from the row). */
  findForNotification(channelId: string): Promise<PushChannelRecord | null>;
}
