ALTER TABLE "creators" ADD COLUMN "avatar_media_id" text;--> statement-breakpoint
ALTER TABLE "creators" ADD COLUMN "banner_media_id" text;