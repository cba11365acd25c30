// Reading what an audio file says about itself: its duration, from the container or the stream.
import "server-only";
import { parseBuffer, parseFile } from "music-metadata";

/** Seconds, or null when the file does not let us measure it. */
export async function audioDurationSeconds(input: string | Uint8Array, mime: string): Promise<number | null> {
  const metadata =
    typeof input === "string"
      ? await parseFile(input, { duration: true, skipCovers: true })
      : await parseBuffer(input, { mimeType: mime }, { duration: true, skipCovers: true });
  const duration = metadata.format.duration;
  return typeof duration === "number" && Number.isFinite(duration) && duration > 0 ? duration : null;
}
