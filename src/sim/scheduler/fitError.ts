/**
 * The FailedScheduling message (framework.FitError.Error): `0/N nodes are available: <histogram>.`
 * with each reason counted, the entries sorted as strings, then the PostFilter (preemption)
 * message. Each part is appended as `" %v."` (SeparatorFormat), so a PostFilter message that
 * already ends in "." ends in ".." — as real FailedScheduling events do. A PreFilter rejection
 * replaces the histogram with its own message.
 */
export function formatHistogram(reasonsPerNode: readonly (readonly string[])[]): string {
  const counts = new Map<string, number>();
  for (const reasons of reasonsPerNode)
    for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts.entries()]
    .map(([reason, count]) => `${String(count)} ${reason}`)
    .sort()
    .join(', ');
}

export function fitErrorMessage(
  numNodes: number,
  reasonsPerNode: readonly (readonly string[])[],
  postFilterMessage?: string,
  preFilterMessage?: string,
): string {
  const body = preFilterMessage ?? formatHistogram(reasonsPerNode);
  let message = `0/${String(numNodes)} nodes are available: ${body}.`;
  if (postFilterMessage) message += ` ${postFilterMessage}.`;
  return message;
}
