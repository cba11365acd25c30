"use client";
// The save queue at work (its decisions are save-queue.ts): sends one save at a time, wakes for
// the autosaves, the retry and the local copy, keeps the text on this device until the server
// holds it, and carries the creator through a conflict. Its state lives outside React, so typing
// re-renders only what subscribed to a part that changed (useSaveQueueState), usually nothing.
import { MutationObserver, useQueryClient, type MutationObserverOptions, type QueryClient } from "@tanstack/react-query";
import { useEffect, useState, useSyncExternalStore } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError, type UiError } from "@/app/_lib/trpc-errors";
import { samePostText } from "@/lib/schemas/post";
import type { ConflictChoice, ConflictTexts } from "./conflict-dialog";
import { clearLocalCopy, readLocalCopy, writeLocalCopy } from "./local-copy";
import {
  dueWork,
  initialSaveQueue,
  nextWake,
  offerFor,
  saveQueueReducer,
  shouldSend,
  type InitialPost,
  type Lifecycle,
  type PostAction,
  type PostText,
  type SaveQueueAction,
  type SaveQueueState,
} from "./save-queue";

/** Where the text being edited lives: the title field and the editor, read and replaced as one. */
export type TextSurface = { read(): PostText; replace(text: PostText): void };

type SaveOptions = { force?: boolean; reason?: "autosave" | "manual"; replacesConflict?: boolean };

export type Outcome<T> = { ok: true; result: T } | { ok: false; error: UiError | null };

const NOT_SAVED_YET = "Your latest changes are not saved yet, so nothing was restored. Try again in a moment.";
const MINE_NOT_SAVED = "Your version could not be saved yet. It is kept on this device; try again.";

// Saves must not pause while the browser is offline (React Query's default): they fail, the
// status says so, and the local copy holds the text until the connection returns.
const NETWORK = { networkMode: "always" } as const;

function copyTitle(title: string): string {
  return `${title.trim() || "Untitled"} (my copy)`.slice(0, 200);
}

function createSaveQueue(deps: {
  trpc: ReturnType<typeof useTRPC>;
  queryClient: QueryClient;
  surface: TextSurface;
  post: (InitialPost & PostText) | null;
}) {
  const { trpc, queryClient, surface, post } = deps;
  let state = initialSaveQueue(post);
  const listeners = new Set<() => void>();
  const getState = () => state;
  function dispatch(action: SaveQueueAction) {
    const next = saveQueueReducer(state, action);
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener();
  }
  function subscribe(listener: () => void) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }

  // Mutations run through an observer of their own rather than useMutation: a request starting or
  // ending must not re-render the component that hosts the queue (the whole editor).
  const run = <TData, TError, TVariables, TContext>(options: MutationObserverOptions<TData, TError, TVariables, TContext>, variables: TVariables) =>
    new MutationObserver(queryClient, options).mutate(variables);

  /** Writes the editor's text to this device, based on the version the server last confirmed. */
  function keepLocally() {
    writeLocalCopy(state.postId, { ...surface.read(), baseVersion: state.version, savedAt: Date.now() });
    dispatch({ type: "localCopyWritten" });
  }

  /** Once the server confirmed: edits typed meanwhile stay on this device, or nothing is left to keep. */
  function settleLocalCopy(hadSetAside: boolean) {
    if (state.dirty) keepLocally();
    else clearLocalCopy(state.postId);
    if (hadSetAside) clearLocalCopy(state.postId, "set-aside");
  }

  /** Fetches the server's text for a conflict waiting on it. */
  async function loadTheirs() {
    if (!state.postId || state.conflict?.phase !== "loading") return;
    try {
      const theirs = await queryClient.fetchQuery({ ...trpc.post.byId.queryOptions({ id: state.postId }), staleTime: 0 });
      dispatch({
        type: "conflictLoaded",
        theirs: { title: theirs.draftTitle, document: theirs.draftDocument, version: theirs.version, updatedAt: theirs.updatedAt },
      });
    } catch (caught) {
      dispatch({ type: "conflictLoadFailed", error: uiError(caught) });
    }
  }

  async function send(options: SaveOptions): Promise<boolean> {
    const text = surface.read();
    const before = state;
    dispatch({ type: "saveStarted" });
    try {
      if (!before.postId) {
        const created = await run(trpc.post.create.mutationOptions(NETWORK), text);
        clearLocalCopy(null);
        window.history.replaceState(null, "", `/studio/posts/${created.id}`);
        dispatch({ type: "created", id: created.id, server: { version: created.version, updatedAt: created.updatedAt, slug: created.slug } });
      } else {
        const saved = await run(trpc.post.save.mutationOptions(NETWORK), {
          id: before.postId,
          baseVersion: before.version,
          ...text,
          reason: options.reason ?? "autosave",
          replacesConflict: options.replacesConflict ?? false,
        });
        dispatch({ type: "saved", server: saved });
      }
      settleLocalCopy(before.setAside);
      return true;
    } catch (caught) {
      dispatch({ type: "saveFailed", error: uiError(caught), online: navigator.onLine, at: Date.now(), mine: text });
      keepLocally();
      await loadTheirs();
      return false;
    }
  }

  let inFlight: Promise<boolean> | null = null;

  /** Saves the text if it changed (or `force`); resolves true once the server holds it. */
  async function save(options: SaveOptions = {}): Promise<boolean> {
    // One save at a time, so each names the version the previous one produced.
    while (inFlight) await inFlight;
    if (!shouldSend(state, options.force ?? false)) return state.conflict === null;
    inFlight = send(options);
    try {
      return await inFlight;
    } finally {
      inFlight = null;
    }
  }

  function edited() {
    dispatch({ type: "edited", at: Date.now() });
  }

  // One timer for all the queue's timed work, moved whenever the earliest due time moves.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt: number | null = null;
  function schedule() {
    const at = nextWake(state.timers);
    if (at === timerAt) return;
    clearTimeout(timer);
    timerAt = at;
    timer = at === null ? undefined : setTimeout(wake, Math.max(0, at - Date.now()));
  }
  function wake() {
    timerAt = null;
    const now = Date.now();
    const work = dueWork(state.timers, now);
    dispatch({ type: "timersFired", at: now });
    if (work.keepLocally) keepLocally();
    if (work.save) void save();
    schedule();
  }

  /** Leaving the page (or the editor) must not wait for the copy's next turn. */
  function flushLocalCopy() {
    if (state.timers.localAt !== null) keepLocally();
  }

  /** Offers back text that never reached the server (a crash, a closed tab, a lost connection). */
  function findLocalCopy() {
    const id = post?.id ?? null;
    for (const slot of ["draft", "set-aside"] as const) {
      const local = readLocalCopy(id, slot);
      if (!local) continue;
      if (post && samePostText(local, post)) {
        clearLocalCopy(id, slot);
        continue;
      }
      dispatch({ type: "localCopyFound", offer: offerFor(local, slot, post) });
      return;
    }
  }

  /** Starts the queue's timers and window listeners; returns how to stop them. */
  function start(): () => void {
    const unsubscribe = subscribe(schedule);
    schedule();
    findLocalCopy();
    const warn = (event: BeforeUnloadEvent) => {
      flushLocalCopy();
      if (state.dirty) event.preventDefault();
    };
    const hidden = () => {
      if (document.visibilityState === "hidden") flushLocalCopy();
    };
    const online = () => {
      void loadTheirs();
      void save();
    };
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        void save({ force: true, reason: "manual" });
      }
    };
    window.addEventListener("beforeunload", warn);
    window.addEventListener("pagehide", flushLocalCopy);
    document.addEventListener("visibilitychange", hidden);
    window.addEventListener("online", online);
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("beforeunload", warn);
      window.removeEventListener("pagehide", flushLocalCopy);
      document.removeEventListener("visibilitychange", hidden);
      window.removeEventListener("online", online);
      window.removeEventListener("keydown", onKey);
      unsubscribe();
      clearTimeout(timer);
      timerAt = null;
      flushLocalCopy();
    };
  }

  /** A request naming the current version, after a save; a refusal as stale opens the conflict. */
  async function request<T>(action: PostAction | null, call: (id: string, baseVersion: number) => Promise<T>): Promise<Outcome<T>> {
    if (!(await save()) || !state.postId) return { ok: false, error: null };
    if (action) dispatch({ type: "actionStarted", action });
    try {
      return { ok: true, result: await call(state.postId, state.version) };
    } catch (caught) {
      const error = uiError(caught);
      if (error.code !== "CONFLICT") return { ok: false, error };
      dispatch({ type: "conflictFound", mine: surface.read() });
      await loadTheirs();
      return { ok: false, error: null };
    }
  }

  function failed(error: UiError | null) {
    if (error) dispatch({ type: "actionFailed", error });
  }

  /** Takes the server's text into the editor; `mine` is set aside on this device first. */
  function takeTheirs(theirs: ConflictTexts["theirs"], mine: PostText | null, copy: { id: string; title: string } | null) {
    if (mine) writeLocalCopy(state.postId, { ...mine, baseVersion: theirs.version, savedAt: Date.now() }, "set-aside");
    surface.replace(theirs);
    clearLocalCopy(state.postId);
    dispatch({ type: "theirsTaken", theirs, setAside: mine !== null, copy });
    void queryClient
      .fetchQuery({ ...trpc.post.byId.queryOptions({ id: state.postId! }), staleTime: 0 })
      .then((fresh) => dispatch({ type: "pendingLoaded", hasPendingChanges: fresh.hasPendingChanges }))
      .catch(() => {});
  }

  return {
    getState,
    subscribe,
    start,
    edited,
    save,

    /** Publishes the text on screen; resolves with how many members are emailed, or with why not. */
    async publish(): Promise<Outcome<{ emailing: number | null }>> {
      const outcome = await request("publish", (id, baseVersion) => run(trpc.post.publish.mutationOptions(NETWORK), { id, baseVersion }));
      if (!outcome.ok) {
        failed(outcome.error);
        return outcome;
      }
      const { version, updatedAt, slug, status, emailing } = outcome.result;
      dispatch({ type: "actionSucceeded", textReplaced: false, server: { version, updatedAt, slug, status, hasPendingChanges: false } });
      settleLocalCopy(false);
      return { ok: true, result: { emailing } };
    },

    /** Puts a published post's pending changes live; resolves true once they are. */
    async updateLive(): Promise<boolean> {
      const outcome = await request("update", (id, baseVersion) => run(trpc.post.update.mutationOptions(NETWORK), { id, baseVersion }));
      if (!outcome.ok) {
        failed(outcome.error);
        return false;
      }
      const { version, updatedAt } = outcome.result;
      dispatch({ type: "actionSucceeded", textReplaced: false, server: { version, updatedAt, hasPendingChanges: false } });
      settleLocalCopy(false);
      return true;
    },

    /** Saved first, so the discarded text is the one on screen and lands in the history. */
    async discardPending() {
      const outcome = await request("discard", (id, baseVersion) => run(trpc.post.discardChanges.mutationOptions(NETWORK), { id, baseVersion }));
      if (!outcome.ok) return failed(outcome.error);
      const live = outcome.result;
      surface.replace({ title: live.draftTitle, document: live.draftDocument });
      dispatch({ type: "actionSucceeded", textReplaced: true, server: { version: live.version, updatedAt: live.updatedAt, hasPendingChanges: false } });
      settleLocalCopy(false);
    },

    /** Resolves with why nothing was restored, or null (restored, or a conflict to resolve first). */
    async restoreRevision(revisionId: string): Promise<string | null> {
      const outcome = await request(null, (id, baseVersion) =>
        run(trpc.post.revisions.restore.mutationOptions(NETWORK), { id, revisionId, baseVersion }),
      );
      if (!outcome.ok) return state.conflict ? null : (outcome.error?.message ?? NOT_SAVED_YET);
      const restored = outcome.result;
      surface.replace(restored);
      const { version, updatedAt, slug, hasPendingChanges } = restored;
      dispatch({ type: "actionSucceeded", textReplaced: true, server: { version, updatedAt, slug, hasPendingChanges } });
      settleLocalCopy(false);
      void queryClient.invalidateQueries({ queryKey: trpc.post.revisions.list.queryKey({ id: state.postId! }) });
      return null;
    },

    async chooseInConflict(choice: ConflictChoice) {
      const conflict = state.conflict;
      if (conflict?.phase !== "open") return;
      const { texts } = conflict;
      dispatch({ type: "conflictChoosing", choice });
      try {
        if (choice === "mine") {
          surface.replace(texts.mine);
          dispatch({ type: "mineChosen" });
          const ok = await save({ force: true, reason: "manual", replacesConflict: true });
          if (!ok && !state.conflict) dispatch({ type: "mineNotSaved", texts, message: MINE_NOT_SAVED });
        } else if (choice === "theirs") {
          takeTheirs(texts.theirs, texts.mine, null);
        } else {
          const copy = await run(trpc.post.create.mutationOptions(NETWORK), { title: copyTitle(texts.mine.title), document: texts.mine.document });
          takeTheirs(texts.theirs, null, { id: copy.id, title: copy.title });
        }
      } catch (caught) {
        dispatch({ type: "conflictChoiceFailed", message: uiError(caught).message });
      }
    },

    /** Puts the offered copy back, or, if the server moved on since, shows the two to choose from. */
    restoreOffer() {
      const { offer, postId } = state;
      if (!offer) return;
      if (offer.stale && postId) {
        // The copy stays on this device until the choice has been saved.
        const server = surface.read();
        const theirs = { ...server, version: state.version, updatedAt: post?.updatedAt ?? new Date() };
        dispatch({ type: "offerCompared", texts: { mine: { title: offer.copy.title, document: offer.copy.document }, theirs } });
        return;
      }
      surface.replace(offer.copy);
      dispatch({ type: "offerDismissed" });
      edited();
    },

    dismissOffer() {
      if (!state.offer) return;
      clearLocalCopy(state.postId, state.offer.slot);
      dispatch({ type: "offerDismissed" });
    },

    scheduled(result: { version: number; status: string; scheduledAt: Date | null }) {
      dispatch({ type: "scheduled", version: result.version, status: result.status as Lifecycle, scheduledAt: result.scheduledAt });
    },

    slugChanged(slug: string) {
      dispatch({ type: "slugChanged", slug });
    },
  };
}

export type SaveQueue = ReturnType<typeof createSaveQueue>;

/** The editor's save queue, created once per editor and started while it is mounted. */
export function useSaveQueue(post: (InitialPost & PostText) | null, surface: TextSurface): SaveQueue {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [queue] = useState(() => createSaveQueue({ trpc, queryClient, surface, post }));
  useEffect(() => queue.start(), [queue]);
  return queue;
}

/** One part of the queue's state; the component re-renders only when that part changes. */
export function useSaveQueueState<T>(queue: SaveQueue, select: (state: SaveQueueState) => T): T {
  const snapshot = () => select(queue.getState());
  return useSyncExternalStore(queue.subscribe, snapshot, snapshot);
}
