// What Google's and Microsoft's push notifications ask of Convene. A
// notification is believed only when it carries its channel's secret (and,
// once known, the provider's id of the channel); then the connection is synced
// incrementally, or the channel renewed or replaced, as follow-ups that run
// after the provider has had its quick answer.
import type { TenantId } from "../../core/tenancy.js";
import { openPushChannel } from "../auth/push-channel-access.js";
import type { CalendarDeps } from "./calendar-deps.js";
import { renewPushChannel, replacePushChannel } from "./push-channels.js";
import { syncConnection } from "./sync-calendars.js";

/** sync: fetch what changed; renew: extend the channel (Graph asked to reauthorize); replace: it was removed, open another and catch up. */
export type PushFollowUp = { tenantId: TenantId; connectionId: string; channelId: string; action: "sync" | "renew" | "replace" };

export type GooglePush = { channelId: string; token: string | undefined; resourceId: string; resourceState: string };

/** null when the notification is not one of Convene's channels (unknown, wrong token, wrong resource): Google stops a channel answered 404. */
export async function receiveGooglePush(deps: CalendarDeps, push: GooglePush): Promise<PushFollowUp[] | null> {
  const opened = await openPushChannel(deps.store, push.channelId, push.token ?? "");
  if (!opened || opened.channel.provider !== "google") return null;
  const { tenantId, channel } = opened;
  // Before Convene stored the resource id (the handshake can beat watch's answer), the token alone vouches.
  if (channel.resourceId !== null && channel.resourceId !== push.resourceId) return null;
  // "sync" is the handshake on a new channel: nothing changed yet.
  if (push.resourceState !== "exists" && push.resourceState !== "not_exists") return [];
  return [{ tenantId, connectionId: channel.connectionId, channelId: channel.id, action: "sync" }];
}

export type GraphNotification = { subscriptionId: string; clientState?: string | null | undefined; lifecycleEvent?: string | undefined };

/** The follow-ups of a batch of Graph notifications; items whose clientState does not match are dropped (Graph is answered 202 all the same). */
export async function receiveGraphNotifications(deps: CalendarDeps, notifications: GraphNotification[]): Promise<PushFollowUp[]> {
  const followUps: PushFollowUp[] = [];
  for (const notification of notifications) {
    const clientState = notification.clientState ?? "";
    const channelId = clientState.slice(0, clientState.indexOf("."));
    const opened = channelId ? await openPushChannel(deps.store, channelId, clientState) : null;
    if (!opened || opened.channel.provider !== "microsoft") continue;
    const { tenantId, channel } = opened;
    if (channel.resourceId !== null && channel.resourceId !== notification.subscriptionId) continue;
    const base = { tenantId, connectionId: channel.connectionId, channelId: channel.id };
    switch (notification.lifecycleEvent) {
      case undefined:
      // missed: Graph dropped notifications; the delta query from the stored cursor returns every change since, notified or not.
      case "missed":
        followUps.push({ ...base, action: "sync" });
        break;
      case "reauthorizationRequired":
        followUps.push({ ...base, action: "renew" });
        break;
      case "subscriptionRemoved":
        followUps.push({ ...base, action: "replace" });
        break;
      default:
      // A lifecycle event this version does not know: nothing to do.
    }
  }
  return followUps;
}

export async function runPushFollowUp(deps: CalendarDeps, followUp: PushFollowUp, nowMs: number): Promise<void> {
  const { tenantId, connectionId, channelId } = followUp;
  if (followUp.action === "renew") return renewPushChannel(deps, tenantId, channelId, nowMs);
  if (followUp.action === "replace") await replacePushChannel(deps, tenantId, channelId, nowMs);
  // Through the store every slot read goes through: the sync's writes drop the read cache's busy time at commit.
  await syncConnection(deps, tenantId, connectionId, nowMs);
}
