// Intentionally inert, like instrumentation.ts: without a proxy of its own, Turbopack picks up the
// repository's proxy.ts two folders up (CSP nonces, body limits), which this floor must not run.
// The matcher names no address the bench requests, so no request passes through it.
export const config = { matcher: ["/__bench-baseline-never"] };

export function proxy(): void {}
