CREATE TABLE "booking_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"booking_sequence" integer NOT NULL,
	"facts" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"fanned_out_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "booking_events" ADD CONSTRAINT "booking_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_events" ADD CONSTRAINT "booking_events_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "booking_events_booking_seq" ON "booking_events" USING btree ("booking_id","seq");--> statement-breakpoint
CREATE INDEX "booking_events_unfanned_idx" ON "booking_events" USING btree ("occurred_at") WHERE fanned_out_at is null;--> statement-breakpoint
ALTER TABLE "notifications" RENAME TO "deliveries";--> statement-breakpoint
ALTER TABLE "deliveries" RENAME CONSTRAINT "notifications_pkey" TO "deliveries_pkey";--> statement-breakpoint
ALTER TABLE "deliveries" RENAME CONSTRAINT "notifications_tenant_id_tenants_id_fk" TO "deliveries_tenant_id_tenants_id_fk";--> statement-breakpoint
ALTER TABLE "deliveries" RENAME CONSTRAINT "notifications_booking_id_bookings_id_fk" TO "deliveries_booking_id_bookings_id_fk";--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "channel" text DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "event_id" uuid;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_event_id_booking_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."booking_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
DROP INDEX "notifications_dedupe_key";--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_channel_dedupe_key" ON "deliveries" USING btree ("channel","dedupe_key");--> statement-breakpoint
ALTER INDEX "notifications_due_idx" RENAME TO "deliveries_due_idx";--> statement-breakpoint
ALTER INDEX "notifications_booking_idx" RENAME TO "deliveries_booking_idx";--> statement-breakpoint
CREATE INDEX "deliveries_tenant_created_idx" ON "deliveries" USING btree ("tenant_id","created_at","id");
