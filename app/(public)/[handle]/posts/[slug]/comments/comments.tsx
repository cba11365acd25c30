"use client";
// Where a post's comments go. The page (the one anonymous readers share, too) carries only this
// frame; the comments themselves are asked for by the reader's browser as it nears them, through
// the access policy, so a cached page never holds a comment and the page's own script stays small.
import { lazy, Suspense, useEffect, useRef, useState } from "react";

const CommentsIsland = lazy(() => import("./comments-island"));

export function Comments({ postId, loginHref }: { postId: string; loginHref: string }) {
  const frame = useRef<HTMLElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = frame.current;
    if (!element || typeof IntersectionObserver === "undefined") return setNear(true);
    const watcher = new IntersectionObserver(
      ([entry]) => {
        if (entry?.isIntersecting) {
          setNear(true);
          watcher.disconnect();
        }
      },
      { rootMargin: "800px 0px" },
    );
    watcher.observe(element);
    return () => watcher.disconnect();
  }, []);
  const loading = (
    <p className="mt-4 text-sm text-muted" role="status">
      Loading comments…
    </p>
  );
  return (
    <section ref={frame} aria-labelledby="comments" className="mt-12 border-t border-line pt-8">
      <h2 id="comments" className="text-lg font-semibold">
        Comments
      </h2>
      {near ? (
        <Suspense fallback={loading}>
          <CommentsIsland postId={postId} loginHref={loginHref} />
        </Suspense>
      ) : (
        loading
      )}
    </section>
  );
}
