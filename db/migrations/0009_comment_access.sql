CREATE TYPE "public"."comment_access" AS ENUM('readers', 'paid', 'off');--> statement-breakpoint
ALTER TABLE "creators" ADD COLUMN "default_comment_access" "comment_access" DEFAULT 'readers' NOT NULL;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "comment_access" "comment_access" DEFAULT 'readers' NOT NULL;--> statement-breakpoint
-- A post whose comments were switched off keeps them off.
UPDATE "posts" SET "comment_access" = 'off' WHERE "comments_enabled" = false;--> statement-breakpoint
ALTER TABLE "posts" DROP COLUMN "comments_enabled";