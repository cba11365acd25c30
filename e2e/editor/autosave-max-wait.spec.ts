// Typing that never pauses long enough for the idle autosave still reaches the server at least
// once a minute. The page runs on a fake clock, so a minute of steady typing takes seconds.
import { docWithText } from "@/server/testing/documents";
import { EditorPage } from "../support/editor";
import { expect, test } from "../support/fixtures";

const TYPED = "The kiln stays hot all night and the glaze keeps changing colour as it cools down slowly.";

test("typing without a pause is saved within a minute, before it stops", async ({ page, browser, users, posts, login, editor }) => {
  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: "Marathon", document: docWithText("Start.") });
  await login(page, creator.user);
  const saves: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/trpc/post.save")) saves.push(request.postData() ?? "");
  });

  await page.clock.install({ time: new Date("2026-03-02T09:00:00Z") });
  await editor.open(post.id);
  await expect(editor.body).toContainText("Start.");
  await editor.moveToEnd();
  // From here on, time moves only when the test says so.
  await page.clock.pauseAt(new Date("2026-03-02T09:05:00Z"));

  // One character a second for 70 seconds: the 1.5 s idle autosave never gets its pause.
  for (const character of TYPED.slice(0, 70)) {
    await page.keyboard.type(character);
    await page.clock.runFor(1_000);
  }
  // Still "typing" (the clock has not moved on): only the once-a-minute save can have been sent.
  await expect.poll(() => saves.length).toBeGreaterThan(0);
  expect(saves.length).toBe(1);
  expect(saves[0]).toContain(`Start.${TYPED.slice(0, 55)}`);

  // And the server holds it: the creator's other browser sees the text.
  const other = await browser.newContext();
  try {
    const otherPage = await other.newPage();
    await login(otherPage, creator.user);
    const otherEditor = await new EditorPage(otherPage).open(post.id);
    await expect(otherEditor.body).toContainText(`Start.${TYPED.slice(0, 55)}`);
  } finally {
    await other.close();
  }
});
