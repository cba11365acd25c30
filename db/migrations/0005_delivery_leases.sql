ALTER TABLE "notification_deliveries" ADD COLUMN "claim_token" text;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
-- Deliveries left "sending" by a worker that died before leases existed: give them a lease that
-- ran out 15 minutes after their claim, and reopen their posts, so the retry sweep sends them.
UPDATE "notification_deliveries" SET "lease_until" = "updated_at" + interval '15 minutes' WHERE "state" = 'sending';--> statement-breakpoint
UPDATE "post_notifications" SET "completed_at" = NULL
WHERE "completed_at" IS NOT NULL AND "post_id" IN (SELECT "post_id" FROM "notification_deliveries" WHERE "state" = 'sending');
