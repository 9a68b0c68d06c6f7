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
ALTER TABLE "deliveries" ALTER COLUMN "booking_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "org_event_id" uuid;--> statement-breakpoint
ALTER TABLE "org_events" ADD CONSTRAINT "org_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "org_events_subject_seq" ON "org_events" USING btree ("tenant_id","subject","seq");--> statement-breakpoint
CREATE INDEX "org_events_unfanned_idx" ON "org_events" USING btree ("occurred_at") WHERE fanned_out_at is null;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_org_event_id_org_events_id_fk" FOREIGN KEY ("org_event_id") REFERENCES "public"."org_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliveries_org_event_idx" ON "deliveries" USING btree ("org_event_id");--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_has_subject" CHECK (booking_id is not null or org_event_id is not null);