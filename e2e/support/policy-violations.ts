// Collects everything a browser context's pages report against our headers: Content-Security-Policy
// violations (the `securitypolicyviolation` event, and the console errors Chromium logs for them),
// Permissions-Policy complaints, and uncaught page errors such as a failed hydration.
import type { BrowserContext } from "@playwright/test";

const POLICY_CONSOLE_ERROR = /Content.Security.Policy|Permissions.Policy|Refused to (load|execute|apply|frame|connect)/i;

export type ViolationLog = { readonly entries: readonly string[] };

/** Starts watching `context`; call before its pages load anything. */
export async function watchPolicyViolations(context: BrowserContext): Promise<ViolationLog> {
  const entries: string[] = [];
  await context.exposeBinding("__reportPolicyViolation", ({ page }, text: string) => {
    entries.push(`${page?.url() ?? "?"}: ${text}`);
  });
  // Init scripts are injected by the browser itself, so the page's own policy cannot stop this one.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportPolicyViolation: (text: string) => void }).__reportPolicyViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI || "inline code"} (${event.sourceFile}:${event.lineNumber}) ${event.sample}`);
    });
  });
  context.on("console", (message) => {
    if (message.type() === "error" && POLICY_CONSOLE_ERROR.test(message.text())) {
      entries.push(`${message.page()?.url() ?? "?"}: console: ${message.text()}`);
    }
  });
  context.on("weberror", (error) => entries.push(`${error.page()?.url() ?? "?"}: page error: ${error.error().message}`));
  return { entries };
}
