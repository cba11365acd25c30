// Rendered on every request: the floor for a dynamic page.
import { connection } from "next/server";
import { Article, metadata as articleMetadata } from "../article";

export const metadata = articleMetadata;

export default async function UncachedPage() {
  await connection();
  return <Article />;
}
