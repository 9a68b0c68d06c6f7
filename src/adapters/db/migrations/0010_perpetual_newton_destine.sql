ALTER TABLE "bookings" ADD COLUMN "title" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "location" jsonb;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "organizer_user_id" uuid;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_organizer_user_id_users_id_fk" FOREIGN KEY ("organizer_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Every user gets working hours: users made before 0010 take the office week (Mon–Fri 09:00–17:00) in their own zone.
UPDATE "users" SET "weekly_hours" = '[{"days":[1,2,3,4,5],"start":"09:00","end":"17:00"}]'::jsonb WHERE "weekly_hours" IS NULL;
