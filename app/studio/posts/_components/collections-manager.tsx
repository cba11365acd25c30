"use client";
// The creator's collections: make one (title, description), add posts to it, put them in order,
// take them out, rename or delete it. Every change to a collection's posts sends the whole list as
// it should now be, so what is saved is exactly what the creator sees.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/app/_components/button";
import { Field, FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { fieldError, uiError } from "@/app/_lib/trpc-errors";

type Collection = { id: string; title: string; slug: string; description: string; posts: { id: string; title: string; status: string }[] };
type Pickable = { id: string; title: string; status: string };

function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.post.collections.mine.queryKey() });
}

function statusNote(status: string): string {
  return status === "published" ? "" : ` (${status}: shown once published)`;
}

function CollectionEditor({ collection, pickable, handle }: { collection: Collection; pickable: Pickable[]; handle: string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [title, setTitle] = useState(collection.title);
  const [description, setDescription] = useState(collection.description);
  const [adding, setAdding] = useState("");
  const [confirmDelete, setConfirmDelete] = useState(false);
  const save = useMutation(trpc.post.collections.update.mutationOptions({ onSuccess: refresh }));
  const setPosts = useMutation(trpc.post.collections.setPosts.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.post.collections.remove.mutationOptions({ onSuccess: refresh }));
  const saveError = save.error ? uiError(save.error) : null;
  const changed = title.trim() !== collection.title || description.trim() !== collection.description;
  const ids = collection.posts.map((post) => post.id);
  const addable = pickable.filter((post) => !ids.includes(post.id));

  function move(index: number, by: -1 | 1) {
    const next = [...ids];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    setPosts.mutate({ id: collection.id, postIds: next });
  }

  return (
    <li className="rounded-2xl border border-line bg-card p-4 sm:p-5">
      <h2 className="font-semibold">
        <a href={`/${handle}/collections/${collection.slug}`} className="hover:underline">
          {collection.title}
        </a>{" "}
        <span className="text-sm font-normal text-muted">
          · {collection.posts.length} {collection.posts.length === 1 ? "post" : "posts"}
        </span>
      </h2>
      <form
        className="mt-3 grid gap-3 sm:grid-cols-[1fr_2fr_auto] sm:items-start"
        aria-label={`Details of ${collection.title}`}
        onSubmit={(event) => {
          event.preventDefault();
          if (changed) save.mutate({ id: collection.id, title, description });
        }}
      >
        <Field label="Title" value={title} onChange={(event) => setTitle(event.target.value)} error={fieldError(saveError, "title")} />
        <Field label="Description" value={description} onChange={(event) => setDescription(event.target.value)} error={fieldError(saveError, "description")} />
        <Button type="submit" variant="secondary" className="sm:mt-6" disabled={!changed || save.isPending}>
          {save.isPending ? "Saving…" : changed ? "Save" : "Saved"}
        </Button>
      </form>
      {setPosts.error && <FormError message={uiError(setPosts.error).message} />}
      {collection.posts.length === 0 ? (
        <p className="mt-4 rounded-xl border border-dashed border-line p-4 text-center text-sm text-muted">No posts yet: add the first below.</p>
      ) : (
        <ol className="mt-4 divide-y divide-line rounded-xl border border-line" aria-label={`Posts in ${collection.title}`}>
          {collection.posts.map((post, index) => (
            <li key={post.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <span className="min-w-0">
                <span className="mr-2 text-muted">{index + 1}.</span>
                <span className="font-medium">{post.title || "Untitled"}</span>
                <span className="text-muted">{statusNote(post.status)}</span>
              </span>
              <span className="flex gap-1">
                <Button variant="secondary" className="px-2 py-1" aria-label={`Move ${post.title || "Untitled"} up`} disabled={index === 0 || setPosts.isPending} onClick={() => move(index, -1)}>
                  ↑
                </Button>
                <Button
                  variant="secondary"
                  className="px-2 py-1"
                  aria-label={`Move ${post.title || "Untitled"} down`}
                  disabled={index === ids.length - 1 || setPosts.isPending}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </Button>
                <Button
                  variant="secondary"
                  className="px-2 py-1"
                  disabled={setPosts.isPending}
                  onClick={() => setPosts.mutate({ id: collection.id, postIds: ids.filter((id) => id !== post.id) })}
                >
                  Remove<span className="sr-only"> {post.title || "Untitled"} from {collection.title}</span>
                </Button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <form
        className="mt-3 flex flex-wrap items-end gap-2"
        aria-label={`Add a post to ${collection.title}`}
        onSubmit={(event) => {
          event.preventDefault();
          if (adding) setPosts.mutate({ id: collection.id, postIds: [...ids, adding] }, { onSuccess: () => setAdding("") });
        }}
      >
        <label className="min-w-0 flex-1 text-sm font-medium">
          Add a post
          <select
            className="mt-1 block w-full rounded-lg border border-line bg-white px-3 py-2 text-base"
            value={adding}
            onChange={(event) => setAdding(event.target.value)}
            disabled={addable.length === 0}
          >
            <option value="">{addable.length === 0 ? "Every post is in this collection" : "Choose a post…"}</option>
            {addable.map((post) => (
              <option key={post.id} value={post.id}>
                {(post.title || "Untitled") + statusNote(post.status)}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" disabled={!adding || setPosts.isPending}>
          Add
        </Button>
      </form>
      <div className="mt-4 border-t border-line pt-3">
        {confirmDelete ? (
          <p className="flex flex-wrap items-center gap-2 text-sm" role="alert">
            Delete “{collection.title}”? Its posts stay where they are.
            <Button variant="danger" className="px-3 py-1" disabled={remove.isPending} onClick={() => remove.mutate({ id: collection.id })}>
              Delete collection
            </Button>
            <Button variant="ghost" className="px-3 py-1" onClick={() => setConfirmDelete(false)}>
              Keep it
            </Button>
          </p>
        ) : (
          <Button variant="ghost" className="px-3 py-1 text-sm" onClick={() => setConfirmDelete(true)}>
            Delete…
          </Button>
        )}
      </div>
    </li>
  );
}

export function CollectionsManager({ handle }: { handle: string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const list = useQuery(trpc.post.collections.mine.queryOptions());
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const create = useMutation(
    trpc.post.collections.create.mutationOptions({
      onSuccess: () => {
        setTitle("");
        setDescription("");
        return refresh();
      },
    }),
  );
  const createError = create.error ? uiError(create.error) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!create.isPending) create.mutate({ title, description });
  }

  return (
    <>
      <form onSubmit={submit} aria-label="New collection" className="mt-6 grid gap-3 rounded-2xl border border-line bg-card p-4 sm:grid-cols-[1fr_2fr_auto] sm:items-start">
        <Field label="New collection's title" value={title} onChange={(event) => setTitle(event.target.value)} error={fieldError(createError, "title")} />
        <Field label="Description (optional)" value={description} onChange={(event) => setDescription(event.target.value)} error={fieldError(createError, "description")} />
        <Button type="submit" className="sm:mt-6" disabled={create.isPending || title.trim() === ""}>
          {create.isPending ? "Creating…" : "Create"}
        </Button>
      </form>
      {list.isError && <FormError message={uiError(list.error).message} />}
      {list.isPending ? (
        <p className="mt-6 text-muted" role="status">
          Loading collections…
        </p>
      ) : list.data && list.data.collections.length === 0 ? (
        <p className="mt-6 rounded-2xl border border-dashed border-line bg-card p-8 text-center text-muted">
          No collections yet. Group posts that belong together (a course, a story in chapters, a season) so readers can follow them in order.
        </p>
      ) : (
        <ul className="mt-6 space-y-4">
          {(list.data?.collections ?? []).map((collection) => (
            <CollectionEditor key={collection.id} collection={collection} pickable={list.data?.posts ?? []} handle={handle} />
          ))}
        </ul>
      )}
    </>
  );
}
