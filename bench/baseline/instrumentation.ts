// Intentionally empty. Without a hook of its own, Turbopack picks up the repository's
// instrumentation.ts two folders up (migrations, AUTH_SECRET check), which this app must not run.
export function register() {}
