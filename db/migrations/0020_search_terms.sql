CREATE TABLE "search_terms" (
	"term" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "posts_title_trgm_idx";--> statement-breakpoint
CREATE INDEX "search_terms_trgm_idx" ON "search_terms" USING gin ("term" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "creators_adults_only_idx" ON "creators" USING btree ("id") WHERE "creators"."adults_only";--> statement-breakpoint
-- The words of a title as the simple parser cuts them (any script), of a useful length, not numbers.
CREATE FUNCTION "note_search_terms"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "search_terms" ("term")
  SELECT DISTINCT lexeme FROM unnest(to_tsvector('simple', NEW."title"))
  WHERE length(lexeme) BETWEEN 3 AND 40 AND lexeme !~ '^[0-9]+$'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "posts_search_terms" AFTER INSERT OR UPDATE OF "title", "status" ON "posts"
  FOR EACH ROW WHEN (NEW."status" = 'published') EXECUTE FUNCTION "note_search_terms"();--> statement-breakpoint
INSERT INTO "search_terms" ("term")
  SELECT DISTINCT lexeme FROM "posts", unnest(to_tsvector('simple', "posts"."title"))
  WHERE "posts"."status" = 'published' AND length(lexeme) BETWEEN 3 AND 40 AND lexeme !~ '^[0-9]+$'
  ON CONFLICT DO NOTHING;
