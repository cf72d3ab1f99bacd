/**
 * Required node affinity and nodeSelector matching (component-helpers nodeaffinity): nodeSelector
 * labels must all match, and at least one required nodeSelectorTerm must match (terms are ORed,
 * requirements inside a term ANDed; matchFields supports metadata.name).
 */
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod } from '../types/index.ts';
import { matchesRequirement, type Operator } from '../labels.ts';

export function nodeMatchesTerm(node: Node, term: NodeSelectorTerm): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  const okExprs = exprs.every((req: NodeSelectorRequirement) =>
    matchesRequirement(labels, {
      key: req.key,
      operator: req.operator as Operator,
      values: req.values ?? [],
    }),
  );
  const okFields = fields.every((req) =>
    req.key === 'metadata.name'
      ? matchesRequirement(
          { 'metadata.name': node.metadata?.name ?? '' },
          { key: req.key, operator: req.operator as Operator, values: req.values ?? [] },
        )
      : false,
  );
  return okExprs && okFields;
}

export function nodeMatchesRequiredAffinity(pod: Pod, node: Node): boolean {
  const selector = pod.spec?.nodeSelector ?? {};
  const labels = node.metadata?.labels ?? {};
  for (const [key, value] of Object.entries(selector)) if (labels[key] !== value) return false;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return required.nodeSelectorTerms.some((term) => nodeMatchesTerm(node, term));
}
