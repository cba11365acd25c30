// Runs once when the server starts, before it serves: refuse to run on a bad configuration or
// without a production secret, turn tracing on if an OTLP endpoint is configured, then bring the
// database schema up to date.
export async function register() {
  // NOTE: NEXT_RUNTIME is not configuration: Next replaces it per runtime when it compiles this
  // file, which is what keeps the Node-only start-up below out of the edge bundle. It stays a
  // literal read; every setting of ours goes through server/env.ts.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkEnvAtStart } = await import("./server/env");
  checkEnvAtStart();
  // Before the server starts, so its first requests and start-up jobs are traced. Without
  // OTEL_EXPORTER_OTLP_ENDPOINT nothing is loaded and every span stays a no-op.
  await (await import("./server/observability/tracing")).startTracing();
  // Every request's peer address is stamped from the first one on, so no sign-in is counted under
  // an unknown address before the auth configuration happens to be built.
  (await import("./server/auth/client-address")).recordPeerAddresses();
  const { startServer } = await import("./server/startup");
  await startServer();
}

// A page or route that failed unhandled: logged once, with its request id and the digest the
// browser's error page quotes (see server/observability/request-errors.ts).
export { onRequestError } from "./server/observability/request-errors";
