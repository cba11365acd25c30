DROP INDEX "posts_search_idx";--> statement-breakpoint
DROP INDEX "posts_public_search_idx";--> statement-breakpoint
DROP INDEX "post_revisions_post_idx";--> statement-breakpoint
DROP INDEX "posts_creator_published_idx";--> statement-breakpoint
DROP INDEX "posts_published_idx";--> statement-breakpoint
DROP INDEX "posts_creator_updated_idx";--> statement-breakpoint
DROP INDEX "payments_creator_idx";--> statement-breakpoint
DROP INDEX "media_creator_idx";--> statement-breakpoint
ALTER TABLE "creators" ADD COLUMN "seq" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "creators_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
-- One statement, so the posts table is rewritten once for its three new columns, not three times.
ALTER TABLE "posts"
  ADD COLUMN "seq" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "posts_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
  ADD COLUMN "search_words" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', "posts"."title" || ' ' || "posts"."plain_text")) STORED NOT NULL,
  ADD COLUMN "public_search_words" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', "posts"."title" || ' ' || "posts"."teaser_text")) STORED NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "creators_seq_key" ON "creators" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "posts_sitemap_idx" ON "posts" USING btree ("seq") WHERE "posts"."status" = 'published' and "posts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "posts_library_date_idx" ON "posts" USING btree ("creator_id",coalesce(case when "status" = 'scheduled' then "scheduled_at" when "status" in ('published', 'archived') then "published_at" end, "updated_at"),"id") WHERE "posts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "posts_creator_status_idx" ON "posts" USING btree ("creator_id","status","deleted_at");--> statement-breakpoint
CREATE INDEX "posts_search_words_idx" ON "posts" USING gin ("search_words");--> statement-breakpoint
CREATE INDEX "posts_public_search_words_idx" ON "posts" USING gin ("public_search_words");--> statement-breakpoint
CREATE INDEX "memberships_creator_started_idx" ON "memberships" USING btree ("creator_id","started_at","id");--> statement-breakpoint
CREATE INDEX "payments_member_idx" ON "payments" USING btree ("creator_id","user_id") WHERE "payments"."status" = 'succeeded';--> statement-breakpoint
CREATE INDEX "post_revisions_post_idx" ON "post_revisions" USING btree ("post_id","created_at");--> statement-breakpoint
CREATE INDEX "posts_creator_published_idx" ON "posts" USING btree ("creator_id","published_at","id") WHERE "posts"."status" = 'published' and "posts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "posts_published_idx" ON "posts" USING btree ("published_at","id") WHERE "posts"."status" = 'published' and "posts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "posts_creator_updated_idx" ON "posts" USING btree ("creator_id","updated_at","id") WHERE "posts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "payments_creator_idx" ON "payments" USING btree ("creator_id","created_at");--> statement-breakpoint
CREATE INDEX "media_creator_idx" ON "media" USING btree ("creator_id","created_at");