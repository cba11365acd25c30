-- Typo-tolerant search on creators' names and handles and on post titles.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "show_adult_pages" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "creators" ADD COLUMN "category" text;--> statement-breakpoint
ALTER TABLE "creators" ADD COLUMN "adults_only" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "creators" ADD COLUMN "language" text DEFAULT 'english' NOT NULL;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "language" "regconfig" DEFAULT 'english'::regconfig NOT NULL;--> statement-breakpoint
-- The stored word lists are now stemmed in the post's language, the title weighing most. Dropping
-- a column drops its index: both are made again.
ALTER TABLE "posts" DROP COLUMN "search_words";--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "search_words" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector("posts"."language", "posts"."title"), 'A') || to_tsvector("posts"."language", "posts"."plain_text")) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "posts" DROP COLUMN "public_search_words";--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "public_search_words" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector("posts"."language", "posts"."title"), 'A') || to_tsvector("posts"."language", "posts"."teaser_text")) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "posts_search_words_idx" ON "posts" USING gin ("search_words");--> statement-breakpoint
CREATE INDEX "posts_public_search_words_idx" ON "posts" USING gin ("public_search_words");--> statement-breakpoint
CREATE INDEX "creators_handle_trgm_idx" ON "creators" USING gin ("handle" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "creators_display_name_trgm_idx" ON "creators" USING gin ("display_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "creators_category_idx" ON "creators" USING btree ("category","created_at") WHERE "creators"."category" is not null;--> statement-breakpoint
CREATE INDEX "posts_title_trgm_idx" ON "posts" USING gin ("title" gin_trgm_ops) WHERE "posts"."status" = 'published' and "posts"."deleted_at" is null;
