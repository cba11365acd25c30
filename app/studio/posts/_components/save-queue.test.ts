import { describe, expect, it } from "vitest";
import type { UiError } from "@/app/_lib/trpc-errors";
import type { PostDocument } from "@/lib/document/validate";
import {
  AUTOSAVE_DELAY_MS,
  AUTOSAVE_MAX_WAIT_MS,
  LOCAL_COPY_MS,
  RETRY_FIRST_MS,
  RETRY_MS,
  dueWork,
  initialSaveQueue,
  nextWake,
  offerFor,
  saveQueueReducer,
  retryDelay,
  shouldSend,
  type InitialPost,
  type SaveQueueAction,
  type SaveQueueState,
} from "./save-queue";

const doc = (text: string): PostDocument => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const mine = { title: "Mine", document: doc("My words.") };
const theirs = { title: "Theirs", document: doc("Their words."), version: 7, updatedAt: new Date("2026-03-02T09:10:00Z") };
const savedAt = new Date("2026-03-02T09:00:00Z");
const post: InitialPost = {
  id: "post-1",
  version: 3,
  status: "draft",
  slug: "a-post",
  scheduledAt: null,
  updatedAt: savedAt,
  hasPendingChanges: false,
};
const T = 1_000_000;

const error = (code: string | null, message = "It failed."): UiError => ({ message, field: null, fieldErrors: {}, code });
const run = (state: SaveQueueState, ...actions: SaveQueueAction[]) => actions.reduce(saveQueueReducer, state);
const editing = () => run(initialSaveQueue(post), { type: "edited", at: T });

describe("the save queue's starting state", () => {
  it("shows a loaded post as saved at its last change, with nothing to send", () => {
    const state = initialSaveQueue(post);
    expect(state).toMatchObject({ postId: "post-1", version: 3, slug: "a-post", dirty: false, saving: false, conflict: null });
    expect(state.status).toEqual({ kind: "saved", at: savedAt });
    expect(nextWake(state.timers)).toBeNull();
    expect(shouldSend(state, false)).toBe(false);
  });

  it("shows a new post as not saved yet, and always sends its first save", () => {
    const state = initialSaveQueue(null);
    expect(state.status.kind).toBe("idle");
    expect(state.postId).toBeNull();
    expect(shouldSend(state, false)).toBe(true);
  });
});

describe("typing", () => {
  it("marks the text unsaved and schedules the idle save, the once-a-minute save and the local copy", () => {
    const state = editing();
    expect(state.dirty).toBe(true);
    expect(state.status.kind).toBe("unsaved");
    expect(state.timers).toEqual({
      idleAt: T + AUTOSAVE_DELAY_MS,
      maxAt: T + AUTOSAVE_MAX_WAIT_MS,
      retryAt: null,
      localAt: T + LOCAL_COPY_MS,
    });
    expect(shouldSend(state, false)).toBe(true);
  });

  it("moves the idle save with each keystroke but neither the once-a-minute save nor the local copy", () => {
    const state = run(editing(), { type: "edited", at: T + 400 }, { type: "edited", at: T + 800 });
    expect(state.timers.idleAt).toBe(T + 800 + AUTOSAVE_DELAY_MS);
    expect(state.timers.maxAt).toBe(T + AUTOSAVE_MAX_WAIT_MS);
    expect(state.timers.localAt).toBe(T + LOCAL_COPY_MS);
  });

  it("leaves the status the very same object keystroke after keystroke, so the status line does not re-render", () => {
    const first = editing();
    const second = saveQueueReducer(first, { type: "edited", at: T + 100 });
    expect(second.status).toBe(first.status);
  });

  it("keeps saying saving while a save travels", () => {
    const state = run(editing(), { type: "saveStarted" }, { type: "edited", at: T + 2000 });
    expect(state.status.kind).toBe("saving");
    expect(state.dirty).toBe(true);
  });
});

describe("the timers", () => {
  it("wake at the earliest due work and tell which work is due", () => {
    const state = editing();
    expect(nextWake(state.timers)).toBe(T + LOCAL_COPY_MS);
    expect(dueWork(state.timers, T + LOCAL_COPY_MS)).toEqual({ save: false, keepLocally: true });
    expect(dueWork(state.timers, T + AUTOSAVE_DELAY_MS)).toEqual({ save: true, keepLocally: true });
    expect(dueWork(state.timers, T)).toEqual({ save: false, keepLocally: false });
  });

  it("forget only the work that fell due", () => {
    const state = run(editing(), { type: "timersFired", at: T + LOCAL_COPY_MS });
    expect(state.timers).toEqual({ idleAt: T + AUTOSAVE_DELAY_MS, maxAt: T + AUTOSAVE_MAX_WAIT_MS, retryAt: null, localAt: null });
  });

  it("let the local copy be written early (leaving the page), and no more than once", () => {
    const written = run(editing(), { type: "localCopyWritten" });
    expect(written.timers.localAt).toBeNull();
    expect(saveQueueReducer(written, { type: "localCopyWritten" })).toBe(written);
  });

  it("save typing that never pauses once a minute, not more and not less", () => {
    // One keystroke a second for 70 seconds: the idle save never gets its pause.
    let state = initialSaveQueue(post);
    const saves: number[] = [];
    const copies: number[] = [];
    for (let second = 0; second < 70; second++) {
      const now = T + second * 1000;
      const work = dueWork(state.timers, now);
      state = saveQueueReducer(state, { type: "timersFired", at: now });
      if (work.keepLocally) {
        copies.push(second);
        state = saveQueueReducer(state, { type: "localCopyWritten" });
      }
      if (work.save) {
        saves.push(second);
        state = run(state, { type: "saveStarted" }, { type: "saved", server: { version: state.version + 1, updatedAt: new Date(now) } });
      }
      state = saveQueueReducer(state, { type: "edited", at: now });
    }
    expect(saves).toEqual([60]);
    // The copy on this device trails the typing by a second at most.
    expect(copies).toHaveLength(69);
  });
});

describe("a save", () => {
  it("starts: no longer dirty, saving, and the scheduled saves are dropped (the local copy is not)", () => {
    const state = run(editing(), { type: "saveStarted" });
    expect(state).toMatchObject({ dirty: false, saving: true });
    expect(state.status.kind).toBe("saving");
    expect(state.timers).toEqual({ idleAt: null, maxAt: null, retryAt: null, localAt: T + LOCAL_COPY_MS });
  });

  it("succeeds: the new version is the next base, and the status says when", () => {
    const at = new Date("2026-03-02T09:01:00Z");
    const state = run(editing(), { type: "saveStarted" }, { type: "saved", server: { version: 4, updatedAt: at, slug: "new-slug", hasPendingChanges: true } });
    expect(state).toMatchObject({ version: 4, slug: "new-slug", hasPendingChanges: true, saving: false, dirty: false, error: null });
    expect(state.status).toEqual({ kind: "saved", at });
    expect(state.timers.localAt).toBeNull();
    expect(shouldSend(state, false)).toBe(false);
    expect(shouldSend(state, true)).toBe(true);
  });

  it("succeeds while more was typed: still unsaved, and the idle save stays scheduled", () => {
    const state = run(
      editing(),
      { type: "saveStarted" },
      { type: "edited", at: T + 2000 },
      { type: "saved", server: { version: 4, updatedAt: savedAt } },
    );
    expect(state.status.kind).toBe("unsaved");
    expect(state.dirty).toBe(true);
    expect(state.timers.idleAt).toBe(T + 2000 + AUTOSAVE_DELAY_MS);
  });

  it("of a new post creates it: the post has an id from then on", () => {
    const state = run(
      initialSaveQueue(null),
      { type: "edited", at: T },
      { type: "saveStarted" },
      { type: "created", id: "post-9", server: { version: 1, updatedAt: savedAt, slug: "untitled" } },
    );
    expect(state).toMatchObject({ postId: "post-9", version: 1, slug: "untitled" });
    expect(state.status.kind).toBe("saved");
  });

  it("fails offline: kept on this device, no retry timer (going online saves)", () => {
    const state = run(editing(), { type: "saveStarted" }, { type: "saveFailed", error: error(null), online: false, at: T + 2000, mine });
    expect(state).toMatchObject({ dirty: true, saving: false, error: null });
    expect(state.status.kind).toBe("offline");
    expect(state.timers.retryAt).toBeNull();
  });

  it("fails online without an answer: the error is shown and the save is tried again later", () => {
    const problem = error(null, "Something went wrong. Please try again.");
    const state = run(editing(), { type: "saveStarted" }, { type: "saveFailed", error: problem, online: true, at: T + 2000, mine });
    expect(state.status.kind).toBe("error");
    expect(state.error).toBe(problem);
    expect(state.timers.retryAt).toBe(T + 2000 + RETRY_FIRST_MS);
    expect(dueWork(state.timers, T + 2000 + RETRY_FIRST_MS).save).toBe(true);
  });

  for (const code of ["UNAVAILABLE", "SERVICE_UNAVAILABLE", "BAD_GATEWAY"]) {
    it(`finds the server unable to serve (${code}): says it cannot reach it and retries, with no error to fix`, () => {
      const state = run(editing(), { type: "saveStarted" }, { type: "saveFailed", error: error(code), online: true, at: T + 2000, mine });
      expect(state).toMatchObject({ dirty: true, saving: false, error: null });
      expect(state.status.kind).toBe("unreachable");
      expect(state.timers.retryAt).toBe(T + 2000 + RETRY_FIRST_MS);
    });
  }

  it("meets a fault on the server (500): shows it and tries again by itself", () => {
    const problem = error("INTERNAL_SERVER_ERROR", "Something went wrong on our side. Please try again.");
    const state = run(editing(), { type: "saveStarted" }, { type: "saveFailed", error: problem, online: true, at: T + 2000, mine });
    expect(state.status.kind).toBe("error");
    expect(state.error).toBe(problem);
    expect(state.timers.retryAt).toBe(T + 2000 + RETRY_FIRST_MS);
  });

  it("through a long outage: retries spaced out up to a ceiling, still saying why, until a save goes through", () => {
    let state = editing();
    let at = T + 2000;
    const waits: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      state = run(state, { type: "saveStarted" });
      if (attempt > 0) expect(state.status.kind).toBe("unreachable");
      state = run(state, { type: "saveFailed", error: error("UNAVAILABLE"), online: true, at, mine });
      waits.push(state.timers.retryAt! - at);
      at = state.timers.retryAt!;
    }
    expect(waits).toEqual([1000, 2000, 4000, RETRY_MS, RETRY_MS, RETRY_MS, RETRY_MS]);
    expect(waits.every((wait, i) => wait === retryDelay(i + 1))).toBe(true);

    const back = run(state, { type: "saveStarted" }, { type: "saved", server: { version: 4, updatedAt: savedAt } });
    expect(back).toMatchObject({ retries: 0, dirty: false, error: null });
    expect(back.status).toEqual({ kind: "saved", at: savedAt });
    // The next failure starts from the shortest wait again.
    const again = run(back, { type: "edited", at }, { type: "saveStarted" }, { type: "saveFailed", error: error("UNAVAILABLE"), online: true, at, mine });
    expect(again.timers.retryAt).toBe(at + RETRY_FIRST_MS);
  });

  it("is refused for its content: the error is shown, and the same text is not sent again by itself", () => {
    const problem = { ...error("BAD_REQUEST", "The title is too long."), field: "title" };
    const state = run(editing(), { type: "saveStarted" }, { type: "saveFailed", error: problem, online: true, at: T + 2000, mine });
    expect(state.status.kind).toBe("error");
    expect(state.error).toBe(problem);
    expect(state.timers.retryAt).toBeNull();
  });

  it("typed again after a failure says unsaved and schedules the idle save again", () => {
    const state = run(
      editing(),
      { type: "saveStarted" },
      { type: "saveFailed", error: error(null), online: false, at: T + 2000, mine },
      { type: "edited", at: T + 3000 },
    );
    expect(state.status.kind).toBe("unsaved");
    expect(state.timers.idleAt).toBe(T + 3000 + AUTOSAVE_DELAY_MS);
  });
});

describe("a conflict", () => {
  const refused = () =>
    run(editing(), { type: "saveStarted" }, { type: "saveFailed", error: error("CONFLICT"), online: true, at: T + 2000, mine });
  const open = () => run(refused(), { type: "conflictLoaded", theirs });

  it("begins when a save is refused as stale: nothing is sent while the other text loads", () => {
    const state = refused();
    expect(state.status.kind).toBe("conflict");
    expect(state.conflict).toEqual({ phase: "loading", mine });
    expect(state.dirty).toBe(true);
    expect(shouldSend(state, true)).toBe(false);
    expect(state.timers).toMatchObject({ idleAt: null, maxAt: null, retryAt: null });
  });

  it("also begins when a publish or update is refused as stale", () => {
    const state = run(initialSaveQueue(post), { type: "actionStarted", action: "publish" }, { type: "conflictFound", mine });
    expect(state.running).toBeNull();
    expect(state.conflict).toEqual({ phase: "loading", mine });
  });

  it("shows both texts once the other one has loaded", () => {
    expect(open().conflict).toEqual({ phase: "open", texts: { mine, theirs }, busy: null, error: null });
  });

  it("waits, with the reason shown, when the other text cannot be loaded", () => {
    const problem = error(null, "You are offline. Your work is kept on this device.");
    const state = run(refused(), { type: "conflictLoadFailed", error: problem });
    expect(state.conflict?.phase).toBe("loading");
    expect(state.error).toBe(problem);
  });

  it("ignores a late answer once it is over", () => {
    const resolved = run(open(), { type: "theirsTaken", theirs, setAside: true, copy: null });
    expect(saveQueueReducer(resolved, { type: "conflictLoaded", theirs })).toBe(resolved);
    expect(saveQueueReducer(resolved, { type: "conflictLoadFailed", error: error(null) })).toBe(resolved);
  });

  it("keeps typing on this device but schedules no save", () => {
    const state = run(open(), { type: "edited", at: T + 5000 });
    expect(state.timers).toMatchObject({ idleAt: null, maxAt: null, localAt: T + 5000 + LOCAL_COPY_MS });
    expect(state.status.kind).toBe("conflict");
  });

  it("shows which choice is being carried out, and why it failed", () => {
    const choosing = run(open(), { type: "conflictChoosing", choice: "both" });
    expect(choosing.conflict).toMatchObject({ busy: "both", error: null });
    const failed = saveQueueReducer(choosing, { type: "conflictChoiceFailed", message: "No connection." });
    expect(failed.conflict).toMatchObject({ phase: "open", busy: null, error: "No connection." });
  });

  it("keep mine: saves my text over the version I saw", () => {
    const state = run(open(), { type: "conflictChoosing", choice: "mine" }, { type: "mineChosen" });
    expect(state).toMatchObject({ conflict: null, version: theirs.version, dirty: true });
    expect(shouldSend(state, true)).toBe(true);
    const saved = run(state, { type: "saveStarted" }, { type: "saved", server: { version: 8, updatedAt: savedAt } });
    expect(saved.status).toEqual({ kind: "saved", at: savedAt });
  });

  it("keep mine that cannot be saved asks again, both texts still there", () => {
    const texts = { mine, theirs };
    const state = run(
      open(),
      { type: "mineChosen" },
      { type: "saveStarted" },
      { type: "saveFailed", error: error(null), online: true, at: T + 9000, mine },
      { type: "mineNotSaved", texts, message: "Your version could not be saved yet." },
    );
    expect(state.status.kind).toBe("conflict");
    expect(state.conflict).toEqual({ phase: "open", texts, busy: null, error: "Your version could not be saved yet." });
    expect(state.timers.retryAt).toBeNull();
  });

  it("take theirs: their text and version, saved, with mine set aside until the next save", () => {
    const state = run(open(), { type: "theirsTaken", theirs, setAside: true, copy: null });
    expect(state).toMatchObject({ conflict: null, version: 7, dirty: false, setAside: true, error: null });
    expect(state.status).toEqual({ kind: "saved", at: theirs.updatedAt });
    expect(nextWake(state.timers)).toBeNull();
    const next = run(state, { type: "edited", at: T + 9000 }, { type: "saveStarted" }, { type: "saved", server: { version: 8, updatedAt: savedAt } });
    expect(next.setAside).toBe(false);
  });

  it("keep both: theirs in the editor, mine named as the new draft", () => {
    const copy = { id: "post-2", title: "Mine (my copy)" };
    const state = run(open(), { type: "theirsTaken", theirs, setAside: false, copy });
    expect(state).toMatchObject({ copy, setAside: false, version: 7 });
  });

  it("after a reconnect: offline, then online, then refused as stale, then resolved", () => {
    const offline = run(editing(), { type: "saveStarted" }, { type: "saveFailed", error: error(null), online: false, at: T + 2000, mine });
    expect(offline.status.kind).toBe("offline");
    // Going online sends the kept text; the server has moved on meanwhile.
    expect(shouldSend(offline, false)).toBe(true);
    const refusedAfter = run(offline, { type: "saveStarted" }, { type: "saveFailed", error: error("CONFLICT"), online: true, at: T + 30_000, mine });
    expect(refusedAfter.status.kind).toBe("conflict");
    expect(refusedAfter.conflict?.phase).toBe("loading");
    const shown = saveQueueReducer(refusedAfter, { type: "conflictLoaded", theirs });
    expect(shown.conflict?.phase).toBe("open");
    const resolved = run(shown, { type: "mineChosen" }, { type: "saveStarted" }, { type: "saved", server: { version: 8, updatedAt: savedAt } });
    expect(resolved).toMatchObject({ conflict: null, version: 8, dirty: false });
    expect(resolved.status.kind).toBe("saved");
  });
});

describe("publishing, updating, discarding, restoring and scheduling", () => {
  it("shows the request running, then takes the server's answer", () => {
    const at = new Date("2026-03-02T09:30:00Z");
    const running = saveQueueReducer(initialSaveQueue(post), { type: "actionStarted", action: "publish" });
    expect(running.running).toBe("publish");
    const published = saveQueueReducer(running, {
      type: "actionSucceeded",
      textReplaced: false,
      server: { version: 5, updatedAt: at, slug: "final", status: "published", hasPendingChanges: false },
    });
    expect(published).toMatchObject({ running: null, version: 5, slug: "final", lifecycle: "published", hasPendingChanges: false });
    expect(published.status).toEqual({ kind: "saved", at });
  });

  it("replacing the text (discard, restore) leaves nothing unsaved", () => {
    const state = run(editing(), { type: "actionSucceeded", textReplaced: true, server: { version: 9, updatedAt: savedAt } });
    expect(state.dirty).toBe(false);
    expect(state.status.kind).toBe("saved");
  });

  it("shows why a request failed", () => {
    const problem = error("FORBIDDEN", "Not yours.");
    const state = run(initialSaveQueue(post), { type: "actionStarted", action: "update" }, { type: "actionFailed", error: problem });
    expect(state).toMatchObject({ running: null, error: problem });
  });

  it("a schedule moves the version and the status without touching the save status", () => {
    const at = new Date("2026-04-01T08:00:00Z");
    const before = initialSaveQueue(post);
    const state = saveQueueReducer(before, { type: "scheduled", version: 4, status: "scheduled", scheduledAt: at });
    expect(state).toMatchObject({ version: 4, lifecycle: "scheduled", scheduledAt: at });
    expect(state.status).toBe(before.status);
  });

  it("settings can change the address", () => {
    expect(saveQueueReducer(initialSaveQueue(post), { type: "slugChanged", slug: "other" }).slug).toBe("other");
  });

  it("learns later whether a published post has pending changes", () => {
    expect(saveQueueReducer(initialSaveQueue(post), { type: "pendingLoaded", hasPendingChanges: true }).hasPendingChanges).toBe(true);
  });
});

describe("a copy kept on this device", () => {
  const copy = { title: "Kept", document: doc("Kept words."), baseVersion: 3, savedAt: T };

  it("can be restored when based on the version the server still holds", () => {
    expect(offerFor(copy, "draft", post).stale).toBe(false);
    expect(offerFor(copy, "draft", null).stale).toBe(false);
  });

  it("must be compared when the server moved on since, or when it was set aside in a conflict", () => {
    expect(offerFor({ ...copy, baseVersion: 2 }, "draft", post).stale).toBe(true);
    expect(offerFor(copy, "set-aside", post).stale).toBe(true);
  });

  it("is offered, and dismissed", () => {
    const offer = offerFor(copy, "draft", post);
    const offered = saveQueueReducer(initialSaveQueue(post), { type: "localCopyFound", offer });
    expect(offered.offer).toBe(offer);
    expect(saveQueueReducer(offered, { type: "offerDismissed" }).offer).toBeNull();
  });

  it("compared opens the conflict at once, and a set-aside copy stays until the choice is saved", () => {
    const offered = saveQueueReducer(initialSaveQueue(post), { type: "localCopyFound", offer: offerFor(copy, "set-aside", post) });
    const texts = { mine: { title: copy.title, document: copy.document }, theirs: { ...theirs, version: 3 } };
    const state = saveQueueReducer(offered, { type: "offerCompared", texts });
    expect(state).toMatchObject({ offer: null, setAside: true });
    expect(state.status.kind).toBe("conflict");
    expect(state.conflict).toEqual({ phase: "open", texts, busy: null, error: null });
  });
});
