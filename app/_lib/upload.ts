// Sending one file to the media route with progress and cancel. XMLHttpRequest, because fetch
// reports no upload progress; the raw file is the body, so nothing is re-encoded or buffered.
import { precheckUpload, type MediaKind, type UploadedMedia } from "@/lib/media-rules";

export type { UploadedMedia };

export type UploadProgress = { loaded: number; total: number };

/** Why an upload did not finish, in words for the editor. `code` is null for network trouble. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly status: number,
  ) {
    super(message);
    this.name = "UploadError";
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

function errorFromResponse(xhr: XMLHttpRequest): UploadError {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { code?: string; message?: string } };
    if (body.error?.message) return new UploadError(body.error.message, body.error.code ?? null, xhr.status);
  } catch {
    // Not our JSON (a proxy's error page): fall through to a generic message.
  }
  if (xhr.status === 413) return new UploadError("This file is too large to upload.", "INVALID_INPUT", 413);
  return new UploadError("The upload failed. Please try again.", null, xhr.status);
}

export function uploadFile(
  file: File,
  { kind, onProgress, signal }: { kind: MediaKind; onProgress?: (progress: UploadProgress) => void; signal?: AbortSignal },
): Promise<UploadedMedia> {
  return new Promise((resolve, reject) => {
    const early = precheckUpload(kind, file.size);
    if (early) return reject(new UploadError(early, "INVALID_INPUT", 0));
    if (signal?.aborted) return reject(new DOMException("Upload cancelled", "AbortError"));

    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    signal?.addEventListener("abort", abort, { once: true });
    const done = () => signal?.removeEventListener("abort", abort);

    xhr.open("POST", "/api/media");
    xhr.setRequestHeader("x-media-kind", kind);
    xhr.setRequestHeader("x-file-name", encodeURIComponent(file.name));
    // The server decides the type from the bytes; this only keeps proxies from guessing.
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (event) => onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onload = () => {
      done();
      if (xhr.status === 201) {
        try {
          resolve(JSON.parse(xhr.responseText) as UploadedMedia);
        } catch {
          reject(new UploadError("The upload finished but the answer was unreadable. Please try again.", null, xhr.status));
        }
      } else {
        reject(errorFromResponse(xhr));
      }
    };
    xhr.onerror = () => {
      done();
      const offline = typeof navigator !== "undefined" && !navigator.onLine;
      reject(new UploadError(offline ? "You are offline. Try again when you are back online." : "The upload was interrupted. Please try again.", null, 0));
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException("Upload cancelled", "AbortError"));
    };
    xhr.send(file);
  });
}
