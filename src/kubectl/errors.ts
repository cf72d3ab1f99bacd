/** Renders API errors in kubectl's words (cmdutil.CheckErr / StandardErrorMessage). */
import { formatFieldError, isApiError } from '../sim/index.ts';

/** `Error from server (NotFound): …`, or for Invalid: `The Deployment "web" is invalid: …`. */
export function describeError(
  error: unknown,
  context?: { action: 'creating' | 'applying' | 'patching' | 'replacing'; source: string },
): string {
  if (isApiError(error)) {
    if (error.reason === 'Invalid' && error.details.kind) {
      const causes = error.details.causes ?? [];
      const rendered = [...new Set(causes.map(formatFieldError))];
      if (rendered.length === 1)
        return `The ${error.details.kind} "${error.details.name ?? ''}" is invalid: ${rendered[0] ?? ''}`;
      return `The ${error.details.kind} "${error.details.name ?? ''}" is invalid: \n${rendered.map((r) => `* ${r}`).join('\n')}`;
    }
    const where = context ? `error when ${context.action} "${context.source}": ` : '';
    return `Error from server (${error.reason}): ${where}${error.message}`;
  }
  return `error: ${error instanceof Error ? error.message : String(error)}`;
}
