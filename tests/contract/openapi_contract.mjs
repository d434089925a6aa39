// What the OpenAPI document promises about an answer, checked with Ajv (JSON Schema 2020-12,
// the dialect of OpenAPI 3.1): the operation a request reaches, and whether a JSON answer
// matches the schema the document gives for its status.
import { require } from './jem_server.mjs';

const Ajv2020 = require('ajv/dist/2020').default;

// JSON Pointer escaping of one reference token (RFC 6901).
const pointer = (token) => token.replaceAll('~', '~0').replaceAll('/', '~1');

export class Contract {
  constructor(document) {
    this.document = document;
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    this.ajv.addSchema(document, 'openapi');
    this.validators = new Map();
    this.templates = Object.entries(document.paths).map(([template, item]) => {
      // A path parameter matches what its own schema's pattern matches, within one segment.
      const params = Object.values(item).flatMap((op) => op.parameters ?? []).filter((p) => p.in === 'path');
      const regex = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name) => {
        const p = params.find((q) => q.name === name);
        const pattern = (p?.schema?.pattern ?? '.+').replace(/^\^/, '').replace(/\$$/, '');
        return `(?:(?!/)(?:${pattern}))`;
      });
      return { template, item, regex: new RegExp(`^${regex}$`) };
    });
  }

  // The documented path and operation for `method path` (the path may carry a query), or
  // { template } without an operation when the path is documented for other methods only.
  operation(method, path) {
    let bare = path.split('?')[0];
    try {
      bare = decodeURI(bare);
    } catch {
      // Not valid percent-encoding (the fuzz test sends such paths): matched as sent.
    }
    const found = this.templates.find((t) => t.regex.test(bare));
    if (!found) return null;
    return { template: found.template, op: found.item[method.toLowerCase()] ?? null };
  }

  // The schema pointer for an answer: the operation's response for `status` (or its default),
  // or the error shape for requests no operation takes.
  schemaFor(method, path, status, mediaType) {
    const found = this.operation(method, path);
    if (!found || !found.op) return { ref: 'openapi#/components/schemas/Error', where: `${method} ${path} (no operation)` };
    const { template, op } = found;
    const key = op.responses[String(status)] ? String(status) : 'default';
    const response = op.responses[key];
    if (!response) return { error: `${op.operationId}: status ${status} is not documented` };
    if (!response.content?.[mediaType]) return { error: `${op.operationId}: ${status} is not documented as ${mediaType}` };
    const ref = ['openapi#', 'paths', template, method.toLowerCase(), 'responses', key, 'content', mediaType, 'schema']
      .map((t, i) => (i ? pointer(t) : t)).join('/');
    return { ref, where: `${op.operationId} ${status}`, operationId: op.operationId };
  }

  // Problems with one answer, as strings; none when it is as documented.
  check(method, path, status, contentType, body) {
    const mediaType = contentType.split(';')[0].trim();
    const target = this.schemaFor(method, path, status, mediaType);
    if (target.error) return [target.error];
    if (typeof body === 'string') return [`${target.where}: the body is not JSON`];
    let validate = this.validators.get(target.ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: target.ref });
      this.validators.set(target.ref, validate);
    }
    if (validate(body)) return [];
    return validate.errors.map((e) => `${target.where}: ${e.instancePath || '(answer)'} ${e.message} ${JSON.stringify(e.params)}`);
  }
}
