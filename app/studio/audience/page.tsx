import { EmptySection } from "../_components/coming-section";
import { requireCreatorPage } from "../_lib/guards";

export const metadata = { title: "Audience" };

export default async function AudiencePage() {
  await requireCreatorPage("/studio/audience");
  return (
    <EmptySection title="Audience">
      <p className="font-medium text-ink">No members yet.</p>
      <p>Once tiers are open, the people who join your page are listed here, with their tier and how long they have been with you.</p>
    </EmptySection>
  );
}
