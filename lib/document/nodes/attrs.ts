// Attribute declarations for our own nodes. Each is stored, never rendered as-is (renderHTML
// builds the markup), and parsed by the node's rule rather than read off an HTML attribute.
import type { Attribute } from "@tiptap/core";

export function stored(defaultValue: string | number | boolean | null): Attribute {
  return { default: defaultValue, rendered: false, parseHTML: () => null };
}

export function numberOrNull(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}
