// A post's sharing card (its og:image when it has no cover): drawn from what anyone may see of it,
// read as an anonymous visitor whoever asks: the title, the creator's name, the date, and whether
// it is for members. Never a word of the body, nor of a teaser.
import { ImageResponse } from "next/og";
import { anonymousContext } from "@/server/http/context";
import { withRequest } from "@/server/http/request";
import { getReadablePost } from "@/server/services/posts/reads";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const SIZE = { width: 1200, height: 630 };

export const GET = withRequest("/[handle]/posts/[slug]/card.png", async (_request: Request, { params }: { params: Promise<{ handle: string; slug: string }> }) => {
  const { handle, slug } = await params;
  const post = await getReadablePost(anonymousContext(), handle, slug);
  if (!post) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } });
  const date = post.publishedAt?.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  return new ImageResponse(
    (
      <div style={{ display: "flex", flexDirection: "column", justifyContent: "space-between", width: "100%", height: "100%", padding: 72, background: "#fafaf9", color: "#1c1917" }}>
        <div style={{ display: "flex", fontSize: 32, color: "#9a3412" }}>{post.creator.displayName}</div>
        <div style={{ display: "flex", fontSize: post.title.length > 80 ? 56 : 72, fontWeight: 700, lineHeight: 1.1 }}>{post.title}</div>
        <div style={{ display: "flex", justifyContent: "space-between", fontSize: 28, color: "#57534e" }}>
          <span>{[date, post.locked ? "For members" : null].filter(Boolean).join(" · ")}</span>
          <span>Atelier</span>
        </div>
      </div>
    ),
    { ...SIZE, headers: { "cache-control": "public, max-age=300, s-maxage=3600" } },
  );
});
