// What the outbound webhook use cases need beyond every use case's deps: the
// sender (the deployment's private-address rule and time limit are in it),
// the mailer (to tell owners an endpoint was disabled) and where the
// dashboard is; meeting rooms for the booking's location in payloads.
import type { MeetingLocationDeps } from "../deliveries/meeting-facts.js";
import type { Mailer } from "../ports/deliveries.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { WebhookSender } from "../ports/webhooks.js";

export type WebhookDeps = UseCaseDeps & MeetingLocationDeps & { webhookSender: WebhookSender; mailer: Mailer; publicUrl: string };
