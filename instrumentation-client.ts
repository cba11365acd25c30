// Runs in the browser before any of the app's own code.
import { config } from "zod/v4/core";

// Zod compiles object parsers with `new Function` where it may, and probes for that when a schema
// is built. Our pages' Content-Security-Policy allows no eval, and the probe alone is reported as a
// violation; parsing without the compiled fast path costs the browser nothing it would notice.
config({ jitless: true });
