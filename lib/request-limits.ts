// How much one request may carry, shared by the server that refuses more and the clients and
// configuration that must never send or accept more. Plain numbers with no imports: next.config.ts
// and the browser's tRPC link read them too.

/**
 * Calls in one tRPC batch. The browser's link splits larger batches at this size and the server
 * refuses anything larger before running a single call, so one anonymous request cannot run
 * hundreds of procedures. A page issues a handful of queries at once; ten leaves room.
 */
export const TRPC_MAX_BATCH_SIZE = 10;

/**
 * Bodies of server actions (sign-in and sign-up forms) and of every other request the proxy sees
 * (Auth.js forms, webhooks, one-click unsubscribes): all are small forms or JSON events. The
 * uploads route and the tRPC route are outside the proxy and cap their own bodies.
 */
export const FORM_BODY_LIMIT_BYTES = 1024 * 1024;
