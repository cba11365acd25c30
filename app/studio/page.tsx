import { redirect } from "next/navigation";
import { caller } from "@/server/trpc/server";
import { requireSignedIn } from "./_lib/guards";
import { CreatorProfileForm } from "./_components/creator-profile-form";

export default async function StudioHome() {
  await requireSignedIn("/studio");
  const creator = await caller.creator.me();
  if (creator) redirect("/studio/posts");
  return (
    <main className="mx-auto max-w-xl px-5 py-10">
      <h1 className="text-2xl font-bold">Set up your creator page</h1>
      <p className="mt-2 text-muted">
        Your page is where fans find your posts. You can change everything here later in Settings.
      </p>
      <div className="mt-8">
        <CreatorProfileForm mode="setup" />
      </div>
    </main>
  );
}
