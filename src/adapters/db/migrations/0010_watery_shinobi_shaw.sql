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
ALTER TABLE "booking_hosts" ADD COLUMN "hold_id" uuid;--> statement-breakpoint
ALTER TABLE "slot_holds" ADD CONSTRAINT "slot_holds_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_holds" ADD CONSTRAINT "slot_holds_link_id_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_holds" ADD CONSTRAINT "slot_holds_one_time_link_id_one_time_links_id_fk" FOREIGN KEY ("one_time_link_id") REFERENCES "public"."one_time_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_holds" ADD CONSTRAINT "slot_holds_consumed_booking_id_bookings_id_fk" FOREIGN KEY ("consumed_booking_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "slot_holds_token_hash_key" ON "slot_holds" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "slot_holds_live_expiry_idx" ON "slot_holds" USING btree ("expires_at") WHERE consumed_at is null and released_at is null;--> statement-breakpoint
CREATE INDEX "slot_holds_tenant_created_idx" ON "slot_holds" USING btree ("tenant_id","created_at");--> statement-breakpoint
ALTER TABLE "booking_hosts" ADD CONSTRAINT "booking_hosts_hold_id_slot_holds_id_fk" FOREIGN KEY ("hold_id") REFERENCES "public"."slot_holds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "booking_hosts_booking_host_key" ON "booking_hosts" USING btree ("booking_id","host_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "booking_hosts_hold_host_key" ON "booking_hosts" USING btree ("hold_id","host_user_id");--> statement-breakpoint
ALTER TABLE "booking_hosts" ADD CONSTRAINT "booking_hosts_one_owner" CHECK (num_nonnulls("booking_hosts"."booking_id", "booking_hosts"."hold_id") = 1);