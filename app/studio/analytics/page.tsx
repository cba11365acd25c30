import { EmptySection } from "../_components/coming-section";
import { requireCreatorPage } from "../_lib/guards";

export const metadata = { title: "Analytics" };

export default async function AnalyticsPage() {
  await requireCreatorPage("/studio/analytics");
  return (
    <EmptySection title="Analytics">
      <p className="font-medium text-ink">Nothing to chart yet.</p>
      <p>Views, reads and new members per post will appear here after you publish and readers arrive.</p>
    </EmptySection>
  );
}
