// Prerendered at build time and served from the build output: the floor for a cached page.
import { Article, metadata as articleMetadata } from "../article";

export const dynamic = "force-static";
export const metadata = articleMetadata;

export default function CachedPage() {
  return <Article />;
}
