// The editor's save queue as a pure state machine: what the server holds (post id, version), what
// the creator sees (save status, errors, the conflict and its choice, the offer of a local copy),
// and when work is due (the idle and once-a-minute autosaves, the retry, the local copy). No I/O:
// use-save-queue.ts sends the saves, runs the timers and writes the copies this decides on.
import type { UiError } from "@/app/_lib/trpc-errors";
import type { PostDocument } from "@/lib/document/validate";
import type { ConflictChoice, ConflictTexts } from "./conflict-dialog";
import type { LocalCopy, LocalSlot } from "./local-copy";
import type { SaveState } from "./save-status";

/** Save this long after typing stops… */
export const AUTOSAVE_DELAY_MS = 1500;
/** …and at least this often while it does not. */
export const AUTOSAVE_MAX_WAIT_MS = 60_000;
/**
 * A save that failed in a way that passes by itself (no answer, the server in trouble or its
 * database unreachable) is tried again after this, doubling with each failure in a row…
 */
export const RETRY_FIRST_MS = 1000;
/** …up to this, so the text reaches the server within seconds of it answering again. */
export const RETRY_MS = 5000;
/**
 * The copy on this device trails the typing by at most this much: writing it on every keystroke
 * serialized the whole document each time. Leaving the page writes it at once (see the hook).
 */
export const LOCAL_COPY_MS = 1000;

export type PostText = { title: string; document: PostDocument };
export type Lifecycle = "draft" | "scheduled" | "published" | "archived";
export type Restorable = { copy: LocalCopy; slot: LocalSlot; stale: boolean };

export type Conflict =
  /** A save was refused; the server's text is still being fetched (or could not be, offline). */
  | { phase: "loading"; mine: PostText }
  | { phase: "open"; texts: ConflictTexts; busy: ConflictChoice | null; error: string | null };

/** Epoch milliseconds each kind of work is due at, or null when none is scheduled. */
export type Timers = { idleAt: number | null; maxAt: number | null; retryAt: number | null; localAt: number | null };

/** A request beside saving that the page shows as busy. */
export type PostAction = "publish" | "update" | "discard";

export type SaveQueueState = {
  postId: string | null;
  /** The version the next save names as its base. */
  version: number;
  lifecycle: Lifecycle;
  slug: string;
  scheduledAt: Date | null;
  hasPendingChanges: boolean;
  /** Edits the server does not hold yet (typed since the last save was sent). */
  dirty: boolean;
  saving: boolean;
  running: PostAction | null;
  status: SaveState;
  error: UiError | null;
  /** Failed saves in a row that may pass by themselves; spaces out the next retry. */
  retries: number;
  conflict: Conflict | null;
  /** "Take theirs" set the creator's text aside on this device until the next successful save. */
  setAside: boolean;
  offer: Restorable | null;
  /** "Keep both" saved the creator's text as this new draft. */
  copy: { id: string; title: string } | null;
  timers: Timers;
};

export type InitialPost = {
  id: string;
  version: number;
  status: Lifecycle;
  slug: string;
  scheduledAt: Date | null;
  updatedAt: Date;
  hasPendingChanges: boolean;
};

/** What the server answers to a save, publish, update, discard or restore. */
export type ServerState = {
  version: number;
  updatedAt: Date;
  slug?: string;
  status?: Lifecycle;
  hasPendingChanges?: boolean;
};

export type SaveQueueAction =
  | { type: "edited"; at: number }
  | { type: "timersFired"; at: number }
  | { type: "localCopyWritten" }
  | { type: "saveStarted" }
  | { type: "created"; id: string; server: ServerState }
  | { type: "saved"; server: ServerState }
  | { type: "saveFailed"; error: UiError; online: boolean; at: number; mine: PostText }
  | { type: "conflictFound"; mine: PostText }
  | { type: "conflictLoaded"; theirs: ConflictTexts["theirs"] }
  | { type: "conflictLoadFailed"; error: UiError }
  | { type: "conflictChoosing"; choice: ConflictChoice }
  | { type: "conflictChoiceFailed"; message: string }
  | { type: "mineChosen" }
  | { type: "mineNotSaved"; texts: ConflictTexts; message: string }
  | { type: "theirsTaken"; theirs: ConflictTexts["theirs"]; setAside: boolean; copy: { id: string; title: string } | null }
  | { type: "pendingLoaded"; hasPendingChanges: boolean }
  | { type: "actionStarted"; action: PostAction }
  | { type: "actionSucceeded"; server: ServerState; textReplaced: boolean }
  | { type: "actionFailed"; error: UiError }
  | { type: "scheduled"; version: number; status: Lifecycle; scheduledAt: Date | null }
  | { type: "slugChanged"; slug: string }
  | { type: "localCopyFound"; offer: Restorable }
  | { type: "offerDismissed" }
  | { type: "offerCompared"; texts: ConflictTexts };

const NO_TIMERS: Timers = { idleAt: null, maxAt: null, retryAt: null, localAt: null };
// Shared, so a keystroke that leaves the status as it was leaves it the same object too, and the
// status line (subscribed to it) does not re-render.
const UNSAVED: SaveState = { kind: "unsaved", at: null };
const SAVING: SaveState = { kind: "saving", at: null };
const OFFLINE: SaveState = { kind: "offline", at: null };
const CONFLICT: SaveState = { kind: "conflict", at: null };
const FAILED: SaveState = { kind: "error", at: null };
const UNREACHABLE: SaveState = { kind: "unreachable", at: null };

/**
 * tRPC's and our codes for a server that is there but cannot serve right now: its database does
 * not answer (UNAVAILABLE, 503), or a proxy in front of it got no answer in time (502, 504).
 */
const UNREACHABLE_CODES = new Set(["UNAVAILABLE", "SERVICE_UNAVAILABLE", "BAD_GATEWAY", "GATEWAY_TIMEOUT", "TIMEOUT"]);

type Failure = "offline" | "unreachable" | "fault" | "refused";

/**
 * Why a save failed, for what happens next. Only a refusal (a 4xx: the text, the session, the
 * rights) stays until the creator acts; the rest is tried again by itself: no answer at all, an
 * outage, or a fault on the server (a 500), which may well be passing too.
 */
function failure(error: UiError, online: boolean): Failure {
  if (error.code === null) return online ? "fault" : "offline";
  if (UNREACHABLE_CODES.has(error.code)) return "unreachable";
  return error.code === "INTERNAL_SERVER_ERROR" ? "fault" : "refused";
}

/** The wait before retry number `retries` (1 for the first). */
export function retryDelay(retries: number): number {
  return Math.min(RETRY_MS, RETRY_FIRST_MS * 2 ** Math.max(0, retries - 1));
}

export function initialSaveQueue(post: InitialPost | null): SaveQueueState {
  return {
    postId: post?.id ?? null,
    version: post?.version ?? 0,
    lifecycle: post?.status ?? "draft",
    slug: post?.slug ?? "",
    scheduledAt: post?.scheduledAt ?? null,
    hasPendingChanges: post?.hasPendingChanges ?? false,
    dirty: false,
    saving: false,
    running: null,
    status: post ? { kind: "saved", at: post.updatedAt } : { kind: "idle", at: null },
    error: null,
    retries: 0,
    conflict: null,
    setAside: false,
    offer: null,
    copy: null,
    timers: NO_TIMERS,
  };
}

/** Saves wait while the creator chooses in a conflict (or it waits for the other text). */
const saveTimersCleared = (timers: Timers): Timers => ({ ...timers, idleAt: null, maxAt: null, retryAt: null });

/** The server's answer, taken as the new base; the status says saved unless edits arrived meanwhile. */
function confirmed(state: SaveQueueState, server: ServerState): SaveQueueState {
  return {
    ...state,
    version: server.version,
    slug: server.slug ?? state.slug,
    lifecycle: server.status ?? state.lifecycle,
    hasPendingChanges: server.hasPendingChanges ?? state.hasPendingChanges,
    saving: false,
    status: state.dirty ? UNSAVED : { kind: "saved", at: server.updatedAt },
    error: null,
    retries: 0,
    setAside: false,
    // The hook writes the copy now if edits arrived meanwhile, or clears it: nothing left to trail.
    timers: { ...state.timers, localAt: null },
  };
}

function conflictFound(state: SaveQueueState, mine: PostText): SaveQueueState {
  return {
    ...state,
    running: null,
    status: CONFLICT,
    conflict: { phase: "loading", mine },
    timers: saveTimersCleared(state.timers),
  };
}

export function saveQueueReducer(state: SaveQueueState, action: SaveQueueAction): SaveQueueState {
  switch (action.type) {
    case "edited": {
      const timers = { ...state.timers, localAt: state.timers.localAt ?? action.at + LOCAL_COPY_MS };
      if (state.conflict) return { ...state, dirty: true, timers };
      return {
        ...state,
        dirty: true,
        status: state.saving ? state.status : UNSAVED,
        timers: {
          ...timers,
          idleAt: action.at + AUTOSAVE_DELAY_MS,
          // Typing that never pauses still reaches the server at least once a minute.
          maxAt: timers.maxAt ?? action.at + AUTOSAVE_MAX_WAIT_MS,
        },
      };
    }
    case "timersFired": {
      const due = (at: number | null) => (at !== null && at <= action.at ? null : at);
      const { idleAt, maxAt, retryAt, localAt } = state.timers;
      return { ...state, timers: { idleAt: due(idleAt), maxAt: due(maxAt), retryAt: due(retryAt), localAt: due(localAt) } };
    }
    case "localCopyWritten":
      return state.timers.localAt === null ? state : { ...state, timers: { ...state.timers, localAt: null } };
    case "saveStarted": {
      // A retry keeps saying why it is needed, rather than flickering to "Saving…" each time.
      const retrying = state.retries > 0 && (state.status === UNREACHABLE || state.status === FAILED);
      return { ...state, dirty: false, saving: true, status: retrying ? state.status : SAVING, timers: saveTimersCleared(state.timers) };
    }
    case "created":
      return confirmed({ ...state, postId: action.id }, action.server);
    case "saved":
      return confirmed(state, action.server);
    case "saveFailed": {
      // The text stays dirty (and the hook keeps it on this device) until a save succeeds.
      const failed = { ...state, dirty: true, saving: false, timers: { ...state.timers, localAt: null } };
      if (action.error.code === "CONFLICT") return conflictFound(failed, action.mine);
      const why = failure(action.error, action.online);
      // Going online again saves (the hook listens): no timer needed.
      if (why === "offline") return { ...failed, status: OFFLINE, error: null, retries: 0 };
      if (why === "refused") return { ...failed, status: FAILED, error: action.error, retries: 0, timers: { ...failed.timers, retryAt: null } };
      const retries = state.retries + 1;
      const timers = { ...failed.timers, retryAt: action.at + retryDelay(retries) };
      // An outage has nothing for the creator to fix: the status says it all.
      if (why === "unreachable") return { ...failed, status: UNREACHABLE, error: null, retries, timers };
      return { ...failed, status: FAILED, error: action.error, retries, timers };
    }
    case "conflictFound":
      return conflictFound(state, action.mine);
    case "conflictLoaded":
      if (state.conflict?.phase !== "loading") return state;
      return {
        ...state,
        conflict: { phase: "open", texts: { mine: state.conflict.mine, theirs: action.theirs }, busy: null, error: null },
      };
    case "conflictLoadFailed":
      // The other text could not be fetched (offline?): the creator's stays here; going online retries.
      return state.conflict?.phase === "loading" ? { ...state, error: action.error } : state;
    case "conflictChoosing":
      return state.conflict?.phase === "open" ? { ...state, conflict: { ...state.conflict, busy: action.choice, error: null } } : state;
    case "conflictChoiceFailed":
      return state.conflict?.phase === "open" ? { ...state, conflict: { ...state.conflict, busy: null, error: action.message } } : state;
    case "mineChosen": {
      // The creator's text goes back into the editor, to be saved over the version they saw.
      if (state.conflict?.phase !== "open") return state;
      return { ...state, version: state.conflict.texts.theirs.version, conflict: null, dirty: true, error: null };
    }
    case "mineNotSaved":
      // Not a new conflict but a failed save: ask again rather than leave the choice half-made.
      return {
        ...state,
        status: CONFLICT,
        conflict: { phase: "open", texts: action.texts, busy: null, error: action.message },
        timers: saveTimersCleared(state.timers),
      };
    case "theirsTaken":
      return {
        ...state,
        version: action.theirs.version,
        dirty: false,
        conflict: null,
        status: { kind: "saved", at: action.theirs.updatedAt },
        error: null,
        setAside: state.setAside || action.setAside,
        copy: action.copy ?? state.copy,
        timers: NO_TIMERS,
      };
    case "pendingLoaded":
      return { ...state, hasPendingChanges: action.hasPendingChanges };
    case "actionStarted":
      return { ...state, running: action.action };
    case "actionSucceeded": {
      const next = { ...state, running: null, dirty: action.textReplaced ? false : state.dirty };
      return confirmed(next, action.server);
    }
    case "actionFailed":
      return { ...state, running: null, error: action.error };
    case "scheduled":
      return { ...state, version: action.version, lifecycle: action.status, scheduledAt: action.scheduledAt };
    case "slugChanged":
      return { ...state, slug: action.slug };
    case "localCopyFound":
      return { ...state, offer: action.offer };
    case "offerDismissed":
      return { ...state, offer: null };
    case "offerCompared":
      // The server moved on since the copy was made: the creator chooses between the two texts.
      return {
        ...state,
        offer: null,
        setAside: state.setAside || state.offer?.slot === "set-aside",
        status: CONFLICT,
        conflict: { phase: "open", texts: action.texts, busy: null, error: null },
        timers: saveTimersCleared(state.timers),
      };
  }
}

/** When the hook's one timer should next wake, or null when nothing is scheduled. */
export function nextWake(timers: Timers): number | null {
  const times = [timers.idleAt, timers.maxAt, timers.retryAt, timers.localAt].filter((at): at is number => at !== null);
  return times.length === 0 ? null : Math.min(...times);
}

/** What is due at `now`: an autosave (idle, max wait or retry), the local copy, or both. */
export function dueWork(timers: Timers, now: number): { save: boolean; keepLocally: boolean } {
  const due = (at: number | null) => at !== null && at <= now;
  return { save: due(timers.idleAt) || due(timers.maxAt) || due(timers.retryAt), keepLocally: due(timers.localAt) };
}

/** Whether a save should be sent now; `force` sends even an unchanged text (Save, Keep mine). */
export function shouldSend(state: SaveQueueState, force: boolean): boolean {
  if (state.conflict) return false;
  return force || state.dirty || state.postId === null;
}

/** Whether a local copy offered back after a reload can simply be restored, or must be compared. */
export function offerFor(
  copy: LocalCopy,
  slot: LocalSlot,
  post: { version: number } | null,
): Restorable {
  // A copy based on an older version would overwrite someone's later save: compare instead.
  return { copy, slot, stale: slot === "set-aside" || (post !== null && copy.baseVersion < post.version) };
}
