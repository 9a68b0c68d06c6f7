CREATE TABLE "org_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"facts" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"fanned_out_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"delivery_id" uuid,
	"message_id" text NOT NULL,
	"event_type" text NOT NULL,
	"attempt_no" integer NOT NULL,
	"request_headers" jsonb NOT NULL,
	"request_body" text NOT NULL,
	"response_status" integer,
	"response_body" text,
	"duration_ms" integer NOT NULL,
	"error" text,
	"at" timestamp with time zone NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"is_replay" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"url" text NOT NULL,
	"event_types" text[] NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"secret_sealed" text NOT NULL,
	"previous_secret_sealed" text,
	"previous_expires_at" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"disabled_reason" text,
	"failing_since" timestamp with time zone,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slot_holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"link_id" uuid,
	"one_time_link_id" uuid,
	"token_hash" text NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"duration_min" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_by_type" text NOT NULL,
	"created_by_id" text,
	"consumed_at" timestamp with time zone,
	"consumed_booking_id" uuid,
	"released_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "booking_hosts" DROP CONSTRAINT "booking_hosts_booking_id_host_user_id_pk";--> statement-breakpoint
ALTER TABLE "booking_hosts" ALTER COLUMN "booking_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ALTER COLUMN "booking_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_hosts" ADD COLUMN "hold_id" uuid;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "title" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "location" jsonb;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "organizer_user_id" uuid;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "org_event_id" uuid;--> statement-breakpoint
ALTER TABLE "link_views" ADD COLUMN "utm" jsonb;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "embed_origins" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "org_events" ADD CONSTRAINT "org_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_holds" ADD CONSTRAINT "slot_holds_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_holds" ADD CONSTRAINT "slot_holds_link_id_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_holds" ADD CONSTRAINT "slot_holds_one_time_link_id_one_time_links_id_fk" FOREIGN KEY ("one_time_link_id") REFERENCES "public"."one_time_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_holds" ADD CONSTRAINT "slot_holds_consumed_booking_id_bookings_id_fk" FOREIGN KEY ("consumed_booking_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "org_events_subject_seq" ON "org_events" USING btree ("tenant_id","subject","seq");--> statement-breakpoint
CREATE INDEX "org_events_unfanned_idx" ON "org_events" USING btree ("occurred_at") WHERE fanned_out_at is null;--> statement-breakpoint
CREATE INDEX "webhook_attempts_endpoint_at_idx" ON "webhook_attempts" USING btree ("endpoint_id","at","id");--> statement-breakpoint
CREATE INDEX "webhook_attempts_message_idx" ON "webhook_attempts" USING btree ("endpoint_id","message_id");--> statement-breakpoint
CREATE INDEX "webhook_endpoints_tenant_idx" ON "webhook_endpoints" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "slot_holds_token_hash_key" ON "slot_holds" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "slot_holds_live_expiry_idx" ON "slot_holds" USING btree ("expires_at") WHERE consumed_at is null and released_at is null;--> statement-breakpoint
CREATE INDEX "slot_holds_tenant_created_idx" ON "slot_holds" USING btree ("tenant_id","created_at");--> statement-breakpoint
ALTER TABLE "booking_hosts" ADD CONSTRAINT "booking_hosts_hold_id_slot_holds_id_fk" FOREIGN KEY ("hold_id") REFERENCES "public"."slot_holds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_organizer_user_id_users_id_fk" FOREIGN KEY ("organizer_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_org_event_id_org_events_id_fk" FOREIGN KEY ("org_event_id") REFERENCES "public"."org_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "booking_hosts_booking_host_key" ON "booking_hosts" USING btree ("booking_id","host_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "booking_hosts_hold_host_key" ON "booking_hosts" USING btree ("hold_id","host_user_id");--> statement-breakpoint
CREATE INDEX "deliveries_org_event_idx" ON "deliveries" USING btree ("org_event_id");--> statement-breakpoint
ALTER TABLE "booking_hosts" ADD CONSTRAINT "booking_hosts_one_owner" CHECK (num_nonnulls("booking_hosts"."booking_id", "booking_hosts"."hold_id") = 1);--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_has_subject" CHECK (booking_id is not null or org_event_id is not null);--> statement-breakpoint
-- Every user gets working hours: users made before 0010 take the office week (Mon–Fri 09:00–17:00) in their own zone.
UPDATE "users" SET "weekly_hours" = '[{"days":[1,2,3,4,5],"start":"09:00","end":"17:00"}]'::jsonb WHERE "weekly_hours" IS NULL;
--> statement-breakpoint
-- Wake the delivery relay when an event commits: NOTIFY is delivered only on commit (never for a
-- rolled-back change), once per transaction, to every node listening (adapters/jobs/delivery-jobs.ts).
CREATE FUNCTION "convene_events_committed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('convene_events_committed', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "booking_events_committed" AFTER INSERT ON "booking_events" FOR EACH STATEMENT EXECUTE FUNCTION "convene_events_committed"();
--> statement-breakpoint
CREATE TRIGGER "org_events_committed" AFTER INSERT ON "org_events" FOR EACH STATEMENT EXECUTE FUNCTION "convene_events_committed"();
