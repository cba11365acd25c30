// Inline icons: no icon font or emoji font needed, and they inherit the text colour.
import type { SVGProps } from "react";

export function LockIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" width="1em" height="1em" {...props}>
      <path
        fillRule="evenodd"
        d="M10 1.5a4.5 4.5 0 0 0-4.5 4.5v2H5a2 2 0 0 0-2 2v6.5a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V10a2 2 0 0 0-2-2h-.5V6A4.5 4.5 0 0 0 10 1.5ZM13 8V6a3 3 0 1 0-6 0v2h6Z"
        clipRule="evenodd"
      />
    </svg>
  );
}
