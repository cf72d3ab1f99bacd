/** RFC 6902 JSON patch (add, remove, replace, move, copy, test), with evanphx/json-patch's errors. */
type Json = unknown;

export class JsonPatchError extends Error {}

function unescape(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

function tokens(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new JsonPatchError(`unexpected path: ${path}`);
  return path.slice(1).split('/').map(unescape);
}

function container(doc: Json, path: string): { parent: Json; key: string } {
  const parts = tokens(path);
  const key = parts.pop();
  if (key === undefined) throw new JsonPatchError('the root of the document cannot be patched');
  let node = doc;
  for (const part of parts) {
    if (Array.isArray(node)) node = node[Number(part)];
    else if (typeof node === 'object' && node !== null) node = (node as Record<string, Json>)[part];
    else node = undefined;
    if (node === undefined)
      throw new JsonPatchError(`doc is missing path: "${path}": missing value`);
  }
  return { parent: node, key };
}

function get(doc: Json, path: string): Json {
  const { parent, key } = container(doc, path);
  const value: Json = Array.isArray(parent)
    ? (parent as Json[])[Number(key)]
    : (parent as Record<string, Json> | undefined)?.[key];
  if (value === undefined)
    throw new JsonPatchError(`doc is missing path: "${path}": missing value`);
  return value;
}

function remove(doc: Json, path: string): void {
  const { parent, key } = container(doc, path);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length)
      throw new JsonPatchError(`Unable to remove nonexistent key: ${key}: missing value`);
    parent.splice(i, 1);
  } else {
    const map = parent as Record<string, Json>;
    if (!(key in map))
      throw new JsonPatchError(`Unable to remove nonexistent key: ${key}: missing value`);
    delete map[key];
  }
}

function add(doc: Json, path: string, value: Json, replace: boolean): void {
  const { parent, key } = container(doc, path);
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(i) || i < 0 || i > parent.length)
      throw new JsonPatchError(`Unable to access invalid index: ${key}: invalid index referenced`);
    if (replace) parent[i] = value;
    else parent.splice(i, 0, value);
  } else if (typeof parent === 'object' && parent !== null) {
    const map = parent as Record<string, Json>;
    if (replace && !(key in map))
      throw new JsonPatchError(
        `replace operation does not apply: doc is missing key: ${path}: missing value`,
      );
    map[key] = value;
  } else throw new JsonPatchError(`doc is missing path: "${path}": missing value`);
}

export function applyJsonPatch(doc: Json, ops: Json): Json {
  if (!Array.isArray(ops))
    throw new JsonPatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  const out = structuredClone(doc);
  for (const raw of ops) {
    const op = raw as { op?: string; path?: string; from?: string; value?: Json };
    const path = op.path ?? '';
    switch (op.op) {
      case 'add':
        add(out, path, structuredClone(op.value), false);
        break;
      case 'remove':
        remove(out, path);
        break;
      case 'replace':
        add(out, path, structuredClone(op.value), true);
        break;
      case 'move': {
        const value = get(out, op.from ?? '');
        remove(out, op.from ?? '');
        add(out, path, value, false);
        break;
      }
      case 'copy':
        add(out, path, structuredClone(get(out, op.from ?? '')), false);
        break;
      case 'test':
        if (JSON.stringify(get(out, path)) !== JSON.stringify(op.value))
          throw new JsonPatchError('testing value ' + path + ' failed: test failed');
        break;
      default:
        throw new JsonPatchError(`Unexpected kind: ${String(op.op)}`);
    }
  }
  return out;
}
