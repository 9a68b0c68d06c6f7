ALTER TABLE "link_views" ADD COLUMN "utm" jsonb;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "embed_origins" text[] DEFAULT '{}'::text[] NOT NULL;