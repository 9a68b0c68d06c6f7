// The store (every repository, and transactions over them), secrets and passwords: what every use case may need.
import type { ApiKeyRepository, SessionRepository, TenantRepository, UserRepository } from "./accounts.js";
import type { AccountTokenRepository } from "./account-tokens.js";
import type { AuditRepository } from "./audit.js";
import type { BookingRepository, IdempotencyRepository } from "./bookings.js";
import type { LinkAnalyticsRepository, LinkRepository, LinkViewRepository, OneTimeLinkRepository, TemplateRepository } from "./links.js";
import type { DeliveryRepository, MailOutboxRepository } from "./deliveries.js";
import type { BookingEventRepository } from "./events.js";
import type { CalendarRepository } from "./calendars.js";
import type { OAuthStateRepository } from "./oauth.js";
import type { PushChannelRepository } from "./push-channels.js";
import type { InvitationRepository } from "./invitations.js";
import type { MemberRepository } from "./members.js";
import type { HostAssignmentRepository } from "./host-assignments.js";
import type { OrganizationDataRepository } from "./organization-data.js";
import type { InviteeErasureRepository } from "./invitee-erasure.js";
import type { LeadStateRepository } from "./lead-states.js";
import type { LeadMatchRepository } from "./lead-matches.js";
import type { LeadFunnelRepository } from "./lead-funnel.js";
import type { InboundSourceRepository } from "./inbound-sources.js";
import type { LeadRepository } from "./leads.js";
import type { CampaignRepository } from "./campaigns.js";
import type { LeadEventRepository } from "./lead-events.js";
import type { InAppNotificationRepository, LiveSignalRepository } from "./in-app-notifications.js";
import type { BookingLeadDetailsRepository } from "./booking-leads.js";
import type { WebhookAttemptRepository, WebhookEndpointRepository } from "./webhooks.js";
import type { EmbedOriginRepository } from "./embed-origins.js";
import type { HoldRepository } from "./holds.js";
import type { OrgEventRepository } from "./org-events.js";

/** Encrypts small secrets at rest (AES-256-GCM under CONVENE_SECRET_KEY). */
export interface SecretSealer {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export interface Repositories {
  bookingEvents: BookingEventRepository;
  calendars: CalendarRepository;
  oauthStates: OAuthStateRepository;
  pushChannels: PushChannelRepository;
  deliveries: DeliveryRepository;
  mailOutbox: MailOutboxRepository;
  bookings: BookingRepository;
  holds: HoldRepository;
  idempotency: IdempotencyRepository;
  tenants: TenantRepository;
  links: LinkRepository;
  templates: TemplateRepository;
  oneTimeLinks: OneTimeLinkRepository;
  linkViews: LinkViewRepository;
  linkAnalytics: LinkAnalyticsRepository;
  users: UserRepository;
  sessions: SessionRepository;
  apiKeys: ApiKeyRepository;
  audit: AuditRepository;
  invitations: InvitationRepository;
  members: MemberRepository;
  accountTokens: AccountTokenRepository;
  hostAssignments: HostAssignmentRepository;
  organizationData: OrganizationDataRepository;
  inviteeErasure: InviteeErasureRepository;
  leadStates: LeadStateRepository;
  leadMatches: LeadMatchRepository;
  leadFunnel: LeadFunnelRepository;
  inboundSources: InboundSourceRepository;
  leads: LeadRepository;
  campaigns: CampaignRepository;
  leadEvents: LeadEventRepository;
  inAppNotifications: InAppNotificationRepository;
  liveSignals: LiveSignalRepository;
  bookingLeadDetails: BookingLeadDetailsRepository;
  webhookEndpoints: WebhookEndpointRepository;
  webhookAttempts: WebhookAttemptRepository;
  embedOrigins: EmbedOriginRepository;
  orgEvents: OrgEventRepository;
}

export interface Store extends Repositories {
  /** Runs fn in one database transaction; everything it writes commits or rolls back together. */
  transaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** What every use case may need; "now" is passed explicitly by callers as nowMs. */
export type UseCaseDeps = {
  store: Store;
  passwords: PasswordHasher;
  secrets: SecretSealer;
};
