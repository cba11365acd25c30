import { requireCreatorPage } from "../../_lib/guards";
import { PostEditor } from "../_components/post-editor";

export const metadata = { title: "New post" };

export default async function NewPostPage() {
  const creator = await requireCreatorPage("/studio/posts/new");
  return (
      <PostEditor handle={creator.handle} post={null} />
  );
}
