import { isCreatorCategory } from "@/lib/creator-categories";
import { DEFAULT_PAGE_LANGUAGE, isPageLanguage } from "@/lib/languages";
import { caller } from "@/server/trpc/server";
import { requireCreatorPage } from "../_lib/guards";
import { CreatorProfileForm } from "../_components/creator-profile-form";
import { FeaturedPostPicker } from "./featured-post-picker";
import { ListingForm } from "./listing-form";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const creator = await requireCreatorPage("/studio/settings");
  const published = await caller.post.read.archive({ creatorId: creator.id, limit: 50 });
  return (
    <main className="mx-auto max-w-xl px-5 py-10">
      <h1 className="text-2xl font-bold">Settings</h1>
      <h2 className="mt-8 text-lg font-semibold">Your page</h2>
      <div className="mt-4">
        <CreatorProfileForm
          mode="edit"
          initial={{
            handle: creator.handle,
            displayName: creator.displayName,
            tagline: creator.tagline,
            about: creator.about,
            links: creator.links,
            avatarMediaId: creator.avatarMediaId,
            bannerMediaId: creator.bannerMediaId,
          }}
        />
      </div>
      <h2 className="mt-10 text-lg font-semibold">Explore and language</h2>
      <ListingForm
        initial={{
          category: isCreatorCategory(creator.category) ? creator.category : null,
          adultsOnly: creator.adultsOnly,
          language: isPageLanguage(creator.language) ? creator.language : DEFAULT_PAGE_LANGUAGE,
        }}
      />
      <h2 className="mt-10 text-lg font-semibold">Featured post</h2>
      <FeaturedPostPicker current={creator.featuredPostId} posts={published.posts.map((post) => ({ id: post.id, title: post.title }))} />
    </main>
  );
}
