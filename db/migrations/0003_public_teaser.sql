ALTER TABLE "posts" ADD COLUMN "teaser_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Stored teasers become final: an automatic teaser of a post without a paywall break is its preview
-- text or nothing, never the start of its body (readers used to correct this at read time).
UPDATE "posts" SET "teaser_html" = ''
WHERE "teaser_mode" = 'auto'
  AND NOT ("document" @? '$.content[*] ? (@.type == "paywallBreak")')
  AND "preview_text" ~ '^\s*$';--> statement-breakpoint
-- The teaser's text on one line: from the preview text, or from the rendered part above the break
-- (tags dropped, the renderer's escapes undone). The next save of a post derives it from the document.
UPDATE "posts" SET "teaser_text" = CASE
  WHEN "teaser_mode" = 'none' THEN ''
  WHEN "teaser_mode" = 'auto' AND "document" @? '$.content[*] ? (@.type == "paywallBreak")' THEN
    btrim(regexp_replace(
      replace(replace(replace(replace(replace(replace(
        regexp_replace("teaser_html", '<[^>]*>', ' ', 'g'),
        '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&nbsp;', ' '), '&amp;', '&'),
      '\s+', ' ', 'g'))
  ELSE btrim(regexp_replace("preview_text", '\s+', ' ', 'g'))
END;--> statement-breakpoint
CREATE INDEX "posts_public_search_idx" ON "posts" USING gin (to_tsvector('simple', "title" || ' ' || "teaser_text"));
