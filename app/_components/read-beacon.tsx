"use client";
// The analytics beacon: one page view when the page is shown (not while a browser prerenders it),
// and on a post, one engaged read when its body has been on screen for 10 seconds in a visible tab
// or read to its end. Sent with sendBeacon to our own /api/events: no cookie, no storage, nothing
// from anyone else. A reader with Do-Not-Track or Global Privacy Control on sends nothing.
import { useEffect } from "react";

const ENGAGED_AFTER_MS = 10_000;
const TICK_MS = 1_000;

/** The page before this one in a client-side navigation, which document.referrer does not follow. */
let previousPage: string | null = null;

function declines(): boolean {
  const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
  return nav.doNotTrack === "1" || nav.globalPrivacyControl === true;
}

function send(event: { k: "view" | "engaged"; c: string; p: string; u: string; r: string }): void {
  const body = JSON.stringify(event);
  if (navigator.sendBeacon?.("/api/events", new Blob([body], { type: "text/plain" }))) return;
  void fetch("/api/events", { method: "POST", body, keepalive: true, headers: { "Content-Type": "text/plain" } }).catch(() => {});
}

/** `bodyId`: the element holding the post's body, on a post page. */
export function ReadBeacon({ creatorId, postId = "", bodyId }: { creatorId: string; postId?: string; bodyId?: string }) {
  useEffect(() => {
    if (declines()) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    const start = () => {
      const page = location.href;
      const event = { c: creatorId, p: postId, u: page, r: previousPage ?? document.referrer };
      previousPage = page;
      send({ k: "view", ...event });
      const body = bodyId ? document.getElementById(bodyId) : null;
      if (!body) return;
      let seenMs = 0;
      timer = setInterval(() => {
        if (document.visibilityState !== "visible") return;
        const box = body.getBoundingClientRect();
        if (box.bottom < 0 || box.top > innerHeight) return;
        seenMs += TICK_MS;
        if (seenMs >= ENGAGED_AFTER_MS || box.bottom <= innerHeight) {
          clearInterval(timer);
          send({ k: "engaged", ...event });
        }
      }, TICK_MS);
    };
    const prerendering = (document as Document & { prerendering?: boolean }).prerendering === true;
    if (prerendering) document.addEventListener("prerenderingchange", start, { once: true });
    else start();
    return () => {
      document.removeEventListener("prerenderingchange", start);
      clearInterval(timer);
    };
  }, [creatorId, postId, bodyId]);
  return null;
}
