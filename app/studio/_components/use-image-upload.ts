"use client";
// One image upload at a time through the media route, with progress and a refusal in words:
// what a picker needs to offer "Upload" beside "Choose".
import { useRef, useState } from "react";
import { isAbortError, UploadError, uploadFile, type UploadedMedia } from "@/app/_lib/upload";

/** Why an upload failed, in words for the creator. */
export function refusalText(error: unknown): string {
  return error instanceof UploadError ? error.message : "The upload failed. Please try again.";
}

export type ImageUploadState = { percent: number | null; error: string | null };

export function useImageUpload(onUploaded: (media: UploadedMedia) => void) {
  const [state, setState] = useState<ImageUploadState>({ percent: null, error: null });
  const controller = useRef<AbortController | null>(null);

  async function upload(file: File) {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setState({ percent: 0, error: null });
    try {
      const media = await uploadFile(file, {
        kind: "image",
        signal: current.signal,
        onProgress: ({ loaded, total }) => setState({ percent: total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0, error: null }),
      });
      setState({ percent: null, error: null });
      onUploaded(media);
    } catch (error) {
      if (isAbortError(error)) setState({ percent: null, error: null });
      else setState({ percent: null, error: refusalText(error) });
    } finally {
      if (controller.current === current) controller.current = null;
    }
  }

  return { ...state, uploading: state.percent !== null, upload, cancel: () => controller.current?.abort() };
}
