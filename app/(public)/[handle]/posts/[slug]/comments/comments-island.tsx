"use client";
// The conversation under a post, as the viewer may see it: the post's likes, the comments in
// threads three levels deep (pinned first; newest, oldest or top), a box to write in when the
// viewer may, and every action next to what it acts on. New comments appear within seconds: the
// list is asked for again every few seconds while the page is open.
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/app/_components/button";
import { LocalTime } from "@/app/_components/local-time";
import { TRPCReactProvider, useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";
import { COMMENT_MAX_CHARS, COMMENT_SORTS, type CommentSort } from "@/lib/schemas/community";
import { linkify } from "@/lib/linkify";
import type { CommentsPage, CommentView } from "@/server/services/community/comments";

/** How often an open page asks for new comments. */
const REFRESH_MS = 5000;

const SORT_LABELS: Record<CommentSort, string> = { newest: "Newest", oldest: "Oldest", top: "Top" };

type Props = { postId: string; loginHref: string };

export default function CommentsIsland(props: Props) {
  return (
    <TRPCReactProvider>
      <Conversation {...props} />
    </TRPCReactProvider>
  );
}

function Conversation({ postId, loginHref }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [sort, setSort] = useState<CommentSort>("newest");
  const input = { postId, sort, limit: 20 };
  const pages = useInfiniteQuery({
    ...trpc.community.comments.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
    refetchInterval: REFRESH_MS,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.community.comments.infiniteQueryKey(input) });

  if (pages.isPending) {
    return (
      <p className="mt-4 text-sm text-muted" role="status">
        Loading comments…
      </p>
    );
  }
  if (pages.isError) {
    return (
      <p role="alert" className="mt-4 text-sm text-danger">
        {uiError(pages.error).message}
      </p>
    );
  }
  const first = pages.data.pages[0]!;
  const comments = pages.data.pages.flatMap((page) => page.comments);
  return (
    <div className="mt-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <PostLike postId={postId} state={first.post} canLike={first.access === "full" && first.signedIn} onChange={refresh} />
        <p className="text-sm text-muted" aria-live="polite">
          {first.count === 1 ? "1 comment" : `${first.count.toLocaleString("en")} comments`}
        </p>
      </div>
      {first.access === "count" ? (
        <p className="mt-4 rounded-2xl border border-dashed border-line bg-card p-6 text-center text-muted">
          The conversation is for those who can read the whole post.
        </p>
      ) : (
        <>
          {first.cannotWrite === null ? (
            <Composer postId={postId} onPosted={refresh} label="Add a comment" />
          ) : (
            <p className="mt-4 text-sm text-muted">
              {!first.signedIn ? (
                <>
                  <Link href={loginHref} className="font-medium text-accent-strong underline">
                    Sign in
                  </Link>{" "}
                  to join the conversation.
                </>
              ) : (
                first.cannotWrite
              )}
            </p>
          )}
          {comments.length > 0 && (
            <label className="mt-6 flex items-center gap-2 text-sm">
              <span className="text-muted">Sort by</span>
              <select
                value={sort}
                onChange={(event) => setSort(event.target.value as CommentSort)}
                className="rounded-lg border border-line bg-card px-2 py-1"
              >
                {COMMENT_SORTS.map((option) => (
                  <option key={option} value={option}>
                    {SORT_LABELS[option]}
                  </option>
                ))}
              </select>
            </label>
          )}
          {comments.length === 0 ? (
            <p className="mt-6 text-sm text-muted">No comments yet{first.cannotWrite === null ? ": be the first." : "."}</p>
          ) : (
            <ol className="mt-4 space-y-4">
              {comments.map((comment) => (
                <li key={comment.id}>
                  <Comment comment={comment} page={first} postId={postId} onChange={refresh} />
                </li>
              ))}
            </ol>
          )}
          {pages.hasNextPage && (
            <Button variant="secondary" className="mt-4" disabled={pages.isFetchingNextPage} onClick={() => pages.fetchNextPage()}>
              {pages.isFetchingNextPage ? "Loading…" : "Show more comments"}
            </Button>
          )}
        </>
      )}
    </div>
  );
}

function PostLike({ postId, state, canLike, onChange }: { postId: string; state: CommentsPage["post"]; canLike: boolean; onChange: () => void }) {
  const trpc = useTRPC();
  const like = useMutation(trpc.community.likePost.mutationOptions({ onSuccess: onChange }));
  const liked = like.data?.liked ?? state.likedByViewer;
  const likes = like.data?.likes ?? state.likes;
  const label = likes === 1 ? "1 like" : `${likes.toLocaleString("en")} likes`;
  if (!canLike) return <p className="text-sm text-muted">{label}</p>;
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        aria-pressed={liked}
        disabled={like.isPending}
        onClick={() => like.mutate({ postId, liked: !liked })}
        className="rounded-lg border border-line bg-card px-3 py-1.5 text-sm font-medium hover:border-muted"
      >
        <span aria-hidden>{liked ? "♥" : "♡"}</span> Like<span className="sr-only"> this post</span>
      </button>
      <span className="text-sm text-muted">{label}</span>
      {like.error && (
        <span role="alert" className="text-xs text-danger">
          {uiError(like.error).message}
        </span>
      )}
    </span>
  );
}

function Composer({
  postId,
  parentId,
  label,
  onPosted,
  onCancel,
}: {
  postId: string;
  parentId?: string;
  label: string;
  onPosted: () => void;
  onCancel?: () => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [body, setBody] = useState("");
  const post = useMutation(
    trpc.community.addComment.mutationOptions({
      onSuccess: () => {
        // Cleared only once the server has it: a refused comment stays in the box to try again.
        setBody("");
        onPosted();
        onCancel?.();
      },
    }),
  );
  const error = post.error ? uiError(post.error) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    post.mutate({ postId, parentId: parentId ?? null, body });
  };
  return (
    <form onSubmit={submit} className="mt-4">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <textarea
        id={id}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        maxLength={COMMENT_MAX_CHARS}
        rows={parentId ? 2 : 3}
        placeholder={parentId ? "Write a reply" : "Add to the conversation"}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className="block w-full rounded-lg border border-line bg-card px-3 py-2"
      />
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-danger">
          {error.fieldErrors.body?.[0] ?? error.message}
        </p>
      )}
      <div className="mt-2 flex gap-2">
        <Button type="submit" disabled={post.isPending || body.trim() === ""}>
          {post.isPending ? "Posting…" : parentId ? "Reply" : "Post comment"}
        </Button>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}

function CommentBody({ body }: { body: string }) {
  return (
    <p className="mt-1 whitespace-pre-line break-words">
      {linkify(body).map((part, index) =>
        part.href ? (
          <a key={index} href={part.href} rel="nofollow ugc noopener noreferrer" target="_blank" className="text-accent-strong underline">
            {part.text}
          </a>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  );
}

function Comment({ comment, page, postId, onChange }: { comment: CommentView; page: CommentsPage; postId: string; onChange: () => void }) {
  const trpc = useTRPC();
  const [replying, setReplying] = useState(false);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(comment.body ?? "");
  const done = { onSuccess: onChange };
  const like = useMutation(trpc.community.likeComment.mutationOptions(done));
  const remove = useMutation(trpc.community.deleteComment.mutationOptions(done));
  const pin = useMutation(trpc.community.pinComment.mutationOptions(done));
  const edit = useMutation(trpc.community.editComment.mutationOptions({ onSuccess: () => (setEditing(false), onChange()) }));
  const failure = like.error ?? remove.error ?? pin.error ?? edit.error;
  const liked = like.data?.liked ?? comment.likedByViewer;
  const likes = like.data?.likes ?? comment.likes;
  const action = "text-xs font-medium text-muted hover:text-ink";
  return (
    <article aria-label={`Comment by ${comment.authorName}`} className={comment.depth > 0 ? "border-l-2 border-line pl-4" : ""}>
      <p className="text-sm">
        <span className="font-semibold">{comment.authorName}</span>
        {comment.byCreator && <span className="ml-2 rounded bg-accent-soft px-1.5 py-0.5 text-xs font-medium text-accent-strong">Creator</span>}
        {comment.pinned && <span className="ml-2 text-xs font-medium text-muted">Pinned</span>}
        <span className="ml-2 text-xs text-muted">
          <LocalTime date={comment.createdAt} />
          {comment.editedAt && " · edited"}
        </span>
      </p>
      {comment.body === null ? (
        <p className="mt-1 text-sm italic text-muted">This comment was deleted.</p>
      ) : editing ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            edit.mutate({ commentId: comment.id, body: draft });
          }}
          className="mt-2"
        >
          <label className="sr-only" htmlFor={`edit-${comment.id}`}>
            Edit your comment
          </label>
          <textarea
            id={`edit-${comment.id}`}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            maxLength={COMMENT_MAX_CHARS}
            rows={3}
            className="block w-full rounded-lg border border-line bg-card px-3 py-2"
          />
          <div className="mt-2 flex gap-2">
            <Button type="submit" disabled={edit.isPending || draft.trim() === ""}>
              {edit.isPending ? "Saving…" : "Save"}
            </Button>
            <Button variant="ghost" onClick={() => (setEditing(false), setDraft(comment.body ?? ""))}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <CommentBody body={comment.body} />
      )}
      {comment.body !== null && !editing && (
        <div className="mt-1 flex flex-wrap items-center gap-3">
          {page.signedIn ? (
            <button type="button" aria-pressed={liked} className={action} disabled={like.isPending} onClick={() => like.mutate({ commentId: comment.id, liked: !liked })}>
              {liked ? "♥" : "♡"} Like<span className="sr-only"> {comment.authorName}&apos;s comment</span>
            </button>
          ) : null}
          <span className="text-xs text-muted">{likes === 1 ? "1 like" : `${likes} likes`}</span>
          {page.cannotWrite === null && (
            <button type="button" className={action} onClick={() => setReplying(true)}>
              Reply<span className="sr-only"> to {comment.authorName}</span>
            </button>
          )}
          {comment.mine && (
            <button type="button" className={action} onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {page.viewerIsCreator && comment.depth === 0 && (
            <button type="button" className={action} disabled={pin.isPending} onClick={() => pin.mutate({ commentId: comment.id, pinned: !comment.pinned })}>
              {comment.pinned ? "Unpin" : "Pin"}
            </button>
          )}
          {(comment.mine || page.viewerIsCreator) && (
            <button
              type="button"
              className="text-xs font-medium text-danger hover:underline"
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm("Delete this comment? Its words cannot be brought back.")) remove.mutate({ commentId: comment.id });
              }}
            >
              Delete
            </button>
          )}
        </div>
      )}
      {failure && (
        <p role="alert" className="mt-1 text-xs text-danger">
          {uiError(failure).message}
        </p>
      )}
      {replying && <Composer postId={postId} parentId={comment.id} label={`Reply to ${comment.authorName}`} onPosted={onChange} onCancel={() => setReplying(false)} />}
      {comment.replies.length > 0 && (
        <ol className="mt-3 space-y-3">
          {comment.replies.map((reply) => (
            <li key={reply.id}>
              <Comment comment={reply} page={page} postId={postId} onChange={onChange} />
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}
