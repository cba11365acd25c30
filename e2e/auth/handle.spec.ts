// A creator page can never take one of the app's own top-level names as its handle.
import { expect, test } from "../support/fixtures";

test("a reserved handle is refused next to the Handle field", async ({ page, users, login }) => {
  const user = await users.create();
  await login(page, user);
  await page.goto("/studio");
  await expect(page.getByRole("heading", { name: "Set up your creator page" })).toBeVisible();

  await page.getByLabel("Display name").fill("Studio");
  const handle = page.getByLabel("Handle");
  await expect(handle).toHaveValue("studio");
  // Said while typing...
  await expect(handle).toHaveAccessibleDescription("That name is reserved by Atelier. Try another.");

  // ...and again by the server when submitted anyway.
  const refused = page.waitForResponse((response) => response.url().includes("/api/trpc/creator.setup"));
  await page.getByRole("button", { name: "Create my page" }).click();
  await refused;
  await expect(handle).toHaveAccessibleDescription("That name is reserved by Atelier. Try another.");
  await expect(handle).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/studio$/);
  await expect(page.getByRole("heading", { name: "Set up your creator page" })).toBeVisible();
});
