// The zone the studio's dates are shown in, read from the cookie the browser sets on its first
// page (see TimeZoneProvider), so the server renders the viewer's own time and hydration keeps it.
// Studio pages only: they are never shared between viewers, so the cookie cannot leak into a cache.
import "server-only";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { TimeZoneProvider } from "@/app/_components/local-time";
import { isTimeZone } from "@/lib/schemas/post-lifecycle";

const TIME_ZONE_COOKIE = "atelier-tz";

export async function ViewerTimeZone({ children }: { children: ReactNode }) {
  const raw = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  const zone = raw && raw.length <= 64 && isTimeZone(raw) ? raw : null;
  return (
    <TimeZoneProvider zone={zone} rememberAs={TIME_ZONE_COOKIE}>
      {children}
    </TimeZoneProvider>
  );
}
