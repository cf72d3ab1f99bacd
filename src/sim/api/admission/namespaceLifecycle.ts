/** NamespaceLifecycle: objects may only be created in namespaces that exist and are not terminating. */
import { resourceTypeByKey } from '../resourceTypes.ts';
import { ApiError, forbidden } from '../statusErrors.ts';
import type { AdmissionPlugin } from './admission.ts';

export const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  validate(attrs, reader) {
    if (attrs.operation !== 'CREATE' || attrs.namespace === '') return;
    if (resourceTypeByKey(attrs.resource)?.namespaced === false) return;
    const ns = reader.get('namespaces', '', attrs.namespace);
    if (!ns) throw new ApiError('NotFound', `namespaces "${attrs.namespace}" not found`);
    if (ns.metadata.deletionTimestamp && attrs.resource !== 'events') {
      throw forbidden(
        `${attrs.resource} "${attrs.object.metadata.name ?? ''}" is forbidden: unable to create new content in namespace ${attrs.namespace} because it is being terminated`,
      );
    }
  },
};
