/**
 * The FailedScheduling message (framework.FitError.Error): `0/N nodes are available: <histogram>.`
 * with reasons counted, sorted as strings, then the PostFilter (preemption) message.
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
): string {
  let message = `0/${String(numNodes)} nodes are available: ${formatHistogram(reasonsPerNode)}.`;
  if (postFilterMessage) message += ` ${postFilterMessage}`;
  return message;
}
