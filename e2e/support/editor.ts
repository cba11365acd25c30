// The post editor as specs drive it: one page object for opening a post, typing, saving, the
// settings and history panels, the slash menu and publishing. Everything is found by role and
// visible label, the way a creator finds it, so the editor's inner structure can change freely.
import { expect, type Locator, type Page } from "@playwright/test";

/** What the save status says in each state (the words on screen, also announced). */
const SAVE_STATUS = {
  idle: /^Not saved yet/,
  unsaved: /^Unsaved changes/,
  saving: /^Saving…/,
  saved: /^Saved\b/,
  offline: /^Offline — kept on this device/,
  conflict: /^Conflict — /,
  error: /^Not saved — /,
  unreachable: /^Can't reach the server — retrying/,
} as const;

export type SaveStatus = keyof typeof SAVE_STATUS;

const ANY_SAVE_STATUS = new RegExp(Object.values(SAVE_STATUS).map((pattern) => pattern.source).join("|"));

export type UploadFile = { name: string; mimeType: string; buffer: Buffer };

export class EditorPage {
  readonly title: Locator;
  readonly body: Locator;
  readonly toolbar: Locator;
  /** The always-visible save status. */
  readonly saveStatus: Locator;
  private leavingAccepted = false;

  constructor(readonly page: Page) {
    this.title = page.getByLabel("Title");
    this.body = page.getByRole("textbox", { name: "Post body" });
    this.toolbar = page.getByRole("toolbar", { name: "Formatting" });
    this.saveStatus = page.getByRole("status").filter({ hasText: ANY_SAVE_STATUS });
  }

  /** Opens a post, or a new one without `postId`, and waits for its body to be editable. */
  async open(postId?: string): Promise<this> {
    this.acceptLeaving();
    await this.page.goto(postId ? `/studio/posts/${postId}` : "/studio/posts/new");
    await expect(this.body).toBeVisible();
    return this;
  }

  /** A new post with `title`. */
  async openNew(title: string): Promise<this> {
    await this.open();
    await this.title.fill(title);
    return this;
  }

  /**
   * Leaving with unsaved text asks first (beforeunload); specs that reload or navigate away do so
   * on purpose. Any other dialog is dismissed, as Playwright does by default.
   */
  private acceptLeaving() {
    if (this.leavingAccepted) return;
    this.leavingAccepted = true;
    this.page.on("dialog", (dialog) => void (dialog.type() === "beforeunload" ? dialog.accept() : dialog.dismiss()));
  }

  /** Puts the caret at the very end of the body. */
  async moveToEnd(): Promise<void> {
    await this.body.click();
    await this.page.keyboard.press("ControlOrMeta+End");
  }

  /** Types `text` at the very end of the body. */
  async typeAtEnd(text: string): Promise<void> {
    await this.moveToEnd();
    await this.page.keyboard.type(text);
  }

  /** Replaces the whole body with `text`, as select-all and typing does. */
  async replaceText(text: string): Promise<void> {
    await this.body.click();
    await this.page.keyboard.press("ControlOrMeta+a");
    await this.page.keyboard.type(text);
  }

  async expectSaveStatus(status: SaveStatus): Promise<void> {
    await expect(this.saveStatus).toHaveText(SAVE_STATUS[status]);
  }

  /** Presses Save draft (Save on a published post) and waits for "Saved". */
  async save(): Promise<void> {
    await this.page.getByRole("button", { name: /^Save( draft)?$/ }).click();
    await this.expectSaveStatus("saved");
  }

  /**
   * Presses Publish, confirms in the publish step (which says who reads the post and who is
   * emailed) with "Publish now", and returns the post's public path the editor then names.
   */
  async publish(handle: string): Promise<string> {
    const step = await this.openPublishStep();
    await step.getByRole("button", { name: "Publish now" }).click();
    await expect(step).toHaveCount(0);
    const published = this.publishedNotice;
    await expect(published).toContainText(`/${handle}/posts/`);
    const path = new RegExp(`/${handle}/posts/\\S+`).exec(await published.innerText())?.[0];
    if (!path) throw new Error("The editor did not say where the post is published.");
    return path;
  }

  /** Presses Publish and returns the publish step, once it has counted who the post reaches. */
  async openPublishStep(): Promise<Locator> {
    await this.page.getByRole("button", { name: "Publish", exact: true }).click();
    const step = this.page.getByRole("dialog", { name: /^Publish “/ });
    await expect(step).toBeVisible();
    await expect(step.getByRole("status").filter({ hasText: "Counting your readers" })).toHaveCount(0);
    return step;
  }

  /** What the editor says about a published post: where it is, and who the last publish emailed. */
  get publishedNotice(): Locator {
    return this.page.getByRole("status").filter({ hasText: "Published at" });
  }

  async openSettings(): Promise<Locator> {
    await this.page.getByRole("button", { name: "Settings", exact: true }).click();
    const settings = this.page.getByRole("dialog", { name: "Post settings" });
    await expect(settings).toBeVisible();
    return settings;
  }

  async openHistory(): Promise<Locator> {
    await this.page.getByRole("button", { name: "History", exact: true }).click();
    const history = this.page.getByRole("dialog", { name: "History" });
    await expect(history).toBeVisible();
    return history;
  }

  /** Runs a slash command that asks for files (`/image`, `/audio`) and hands it `files`. */
  async insertFiles(command: string, files: UploadFile | UploadFile[]): Promise<void> {
    await this.body.click();
    await this.page.keyboard.type(`/${command}`);
    const chooser = this.page.waitForEvent("filechooser");
    await this.page.keyboard.press("Enter");
    await (await chooser).setFiles(files);
  }
}
