DROP INDEX "creators_handle_trgm_idx";--> statement-breakpoint
DROP INDEX "creators_display_name_trgm_idx";--> statement-breakpoint
CREATE INDEX "creators_handle_trgm_idx" ON "creators" USING gist ("handle" gist_trgm_ops);--> statement-breakpoint
CREATE INDEX "creators_display_name_trgm_idx" ON "creators" USING gist ("display_name" gist_trgm_ops);