/**
 * The JSON Schema the editor validates manifests against: every simulated kind, from the
 * v1.32 OpenAPI spec the sim serves, with field descriptions for hovers (loaded on demand).
 */
import { kubernetesJsonSchema, loadSchemaDescriptions, type JsonSchema } from '../sim/index.ts';

export async function loadEditorSchema(): Promise<JsonSchema> {
  try {
    return kubernetesJsonSchema(await loadSchemaDescriptions());
  } catch {
    // Without descriptions, validation still works; hovers just say less.
    return kubernetesJsonSchema();
  }
}
