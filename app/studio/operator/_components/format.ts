// Figures as an operator reads them at a glance.

/** "45 s", "12 min", "3 h 5 min", "4 d 2 h": the two largest units of a span of time. */
export function formatSpan(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** "1,204" in the reader's digits grouping; numbers on this page are counts. */
export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}
