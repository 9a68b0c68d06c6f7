// A provider's push notification names a channel, not a tenant: the tenant
// comes from Convene's row for that channel, and only once the notification
// proved it holds the channel's secret (the token the provider echoes back).
import type { TenantId } from "../../core/tenancy.js";
import type { PushChannelRecord } from "../ports/push-channels.js";
import type { Repositories } from "../ports/store.js";
import { hashToken, tokensEqual } from "./secret-token.js";
import { mintTenantId } from "./tenant-scope.js";

/** The channel with its tenant when `token` is its secret; null for an unknown channel and a wrong token alike. */
export async function openPushChannel(repos: Repositories, channelId: string, token: string): Promise<{ tenantId: TenantId; channel: PushChannelRecord } | null> {
  const channel = await repos.pushChannels.findForNotification(channelId);
  // Hash first, then compare the digests in constant time: the stored value is a digest, and timing says nothing of it.
  const tokenHash = hashToken(token);
  if (!channel || !tokensEqual(tokenHash, channel.tokenHash)) return null;
  return { tenantId: mintTenantId(channel.tenantId), channel };
}
