// Steps in the post editor that many specs share.
import { expect, type Page } from "@playwright/test";

/** Presses Publish, waits for the confirmation, and returns the post's public path it names. */
export async function publishFromEditor(page: Page, handle: string): Promise<string> {
  await page.getByRole("button", { name: "Publish" }).click();
  const published = page.getByRole("status").filter({ hasText: "Published at" });
  await expect(published).toContainText(`/${handle}/posts/`);
  return (await published.innerText()).replace(/^Published at\s*/, "").trim();
}
