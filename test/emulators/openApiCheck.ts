/**
 * A small OpenAPI 3.0 (and Swagger 2.0) request checker for the emulators: path template, method,
 * path and query parameters, form-encoded request bodies (Twilio: known fields, required fields,
 * types, enums, patterns, lengths) and JSON request bodies (Dialpad: the same per property,
 * `nullable`, arrays, nested objects). Swagger 2.0 (RingCentral's MIT copy): `formData` parameters
 * are the form's fields, an `in: body` parameter holds the JSON body's schema, `consumes` its media
 * types. Only what the copied specs use; `$ref`s to components or definitions are resolved.
 */
export interface SpecViolation {
  method: string;
  path: string;
  rule: 'unknown_path' | 'unknown_method' | 'auth' | 'path_param' | 'query_param' | 'content_type' | 'unknown_field' | 'required' | 'type' | 'enum' | 'pattern' | 'length' | 'semantic';
  field?: string;
  message: string;
}

type Schema = Record<string, unknown>;
interface Spec {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, Schema> };
  /** Swagger 2.0 */
  definitions?: Record<string, Schema>;
}

export interface MatchedOperation {
  specPath: string;
  operation: Schema;
  pathParams: Record<string, string>;
}

export class OpenApiChecker {
  private readonly routes: { re: RegExp; names: string[]; specPath: string; item: Record<string, unknown>; spec: Spec }[] = [];

  constructor(specs: Spec[]) {
    for (const spec of specs) {
      for (const [specPath, item] of Object.entries(spec.paths)) {
        const names: string[] = [];
        const re = new RegExp(
          '^' + specPath.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, n: string) => (names.push(n), '([^/]+)')) + '$',
        );
        this.routes.push({ re, names, specPath, item, spec });
      }
    }
  }

  /** Finds the operation for a request, or the violation that rejects it. */
  match(method: string, path: string): { op: MatchedOperation; spec: Spec } | SpecViolation {
    for (const r of this.routes) {
      const m = r.re.exec(path);
      if (!m) continue;
      const operation = r.item[method.toLowerCase()] as Schema | undefined;
      if (!operation) return { method, path, rule: 'unknown_method', message: `${method} is not an operation of ${r.specPath}` };
      const pathParams: Record<string, string> = {};
      r.names.forEach((n, i) => (pathParams[n] = decodeURIComponent(m[i + 1]!)));
      return { op: { specPath: r.specPath, operation, pathParams }, spec: r.spec };
    }
    return { method, path, rule: 'unknown_path', message: `no spec path matches ${path}` };
  }

  /** Checks parameters and the form body of a matched request; returns every violation. */
  check(method: string, path: string, m: { op: MatchedOperation; spec: Spec }, query: URLSearchParams, contentType: string, form: URLSearchParams | null): SpecViolation[] {
    const out: SpecViolation[] = [];
    const v = (rule: SpecViolation['rule'], message: string, field?: string) => out.push({ method, path, rule, field, message });
    const params = ((m.op.operation.parameters as Schema[] | undefined) ?? []).map((p) => this.resolve(m.spec, p));
    for (const p of params) {
      const name = p.name as string;
      // Swagger 2.0 parameters carry their type themselves
      const schema = this.resolve(m.spec, (p.schema as Schema) ?? (m.spec.definitions ? p : {}));
      if (p.in === 'path') {
        const val = m.op.pathParams[name];
        if (val === undefined) v('path_param', `missing path parameter ${name}`, name);
        else for (const msg of this.checkValue(m.spec, schema, [val])) v('path_param', `${name}: ${msg}`, name);
      } else if (p.in === 'query') {
        const vals = query.getAll(name);
        if (vals.length === 0 && p.required) v('required', `missing query parameter ${name}`, name);
        if (vals.length) for (const msg of this.checkValue(m.spec, schema, vals)) v('query_param', `${name}: ${msg}`, name);
      }
    }
    const known = new Set(params.filter((p) => p.in === 'query').map((p) => p.name as string));
    for (const k of new Set(query.keys())) if (!known.has(k)) v('query_param', `unknown query parameter ${k}`, k);

    const body = (m.op.operation.requestBody as Schema | undefined) ?? this.swaggerFormBody(params, m.op.operation);
    if (!body) {
      if (form && [...form.keys()].length > 0) v('unknown_field', 'operation takes no request body');
      return out;
    }
    const content = (body.content as Record<string, Schema>) ?? {};
    const media = content['application/x-www-form-urlencoded'];
    if (!media || !contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      v('content_type', `expected application/x-www-form-urlencoded, got ${contentType || 'none'}`);
      return out;
    }
    const schema = this.resolve(m.spec, media.schema as Schema);
    const props = (schema.properties as Record<string, Schema>) ?? {};
    for (const req of (schema.required as string[] | undefined) ?? []) if (!form?.has(req)) v('required', `missing required field ${req}`, req);
    for (const k of new Set(form?.keys() ?? [])) {
      const prop = props[k];
      if (!prop) {
        v('unknown_field', `field ${k} is not in ${String(schema.title ?? 'the request schema')}`, k);
        continue;
      }
      for (const msg of this.checkValue(m.spec, this.resolve(m.spec, prop), form!.getAll(k))) {
        const rule: SpecViolation['rule'] = msg.startsWith('not one of') ? 'enum' : msg.startsWith('does not match') ? 'pattern' : msg.includes('length') ? 'length' : 'type';
        v(rule, `${k}: ${msg}`, k);
      }
    }
    return out;
  }

  /** Checks parameters and the JSON body of a matched request (`body` as parsed; undefined: none or not JSON). */
  checkJson(method: string, path: string, m: { op: MatchedOperation; spec: Spec }, query: URLSearchParams, contentType: string, body: unknown): SpecViolation[] {
    const out = this.check(method, path, { ...m, op: { ...m.op, operation: { ...m.op.operation, requestBody: undefined } } }, query, contentType, null);
    const v = (rule: SpecViolation['rule'], message: string, field?: string) => out.push({ method, path, rule, field, message });
    const requestBody = (m.op.operation.requestBody as Schema | undefined) ?? this.swaggerJsonBody(m.spec, m.op.operation);
    if (!requestBody) {
      if (body !== undefined) v('unknown_field', 'operation takes no request body');
      return out;
    }
    const media = ((requestBody.content as Record<string, Schema>) ?? {})['application/json'];
    if (!media || !contentType.toLowerCase().startsWith('application/json')) {
      v('content_type', `expected application/json, got ${contentType || 'none'}`);
      return out;
    }
    if (body === undefined) {
      if (requestBody.required) v('required', 'missing request body');
      return out;
    }
    for (const e of this.checkJsonValue(m.spec, this.resolve(m.spec, media.schema as Schema), body, '')) v(e.rule, e.message, e.field || undefined);
    return out;
  }

  private checkJsonValue(spec: Spec, schema: Schema, value: unknown, at: string): { rule: SpecViolation['rule']; field: string; message: string }[] {
    const name = at || 'body';
    const err = (rule: SpecViolation['rule'], message: string) => [{ rule, field: at, message: `${name}: ${message}` }];
    if (value === null) return schema.nullable === true ? [] : err('type', 'null is not allowed');
    switch (schema.type) {
      case 'object': {
        if (typeof value !== 'object' || Array.isArray(value)) return err('type', `expected an object, got ${JSON.stringify(value)}`);
        const o = value as Record<string, unknown>;
        const props = (schema.properties as Record<string, Schema>) ?? {};
        const errs: { rule: SpecViolation['rule']; field: string; message: string }[] = [];
        for (const req of (schema.required as string[] | undefined) ?? []) if (!(req in o)) errs.push({ rule: 'required', field: at ? `${at}.${req}` : req, message: `missing required field ${at ? `${at}.${req}` : req}` });
        for (const [k, val] of Object.entries(o)) {
          const field = at ? `${at}.${k}` : k;
          const prop = props[k];
          if (!prop) errs.push({ rule: 'unknown_field', field, message: `field ${field} is not in ${String(schema.title ?? 'the request schema')}` });
          else errs.push(...this.checkJsonValue(spec, this.resolve(spec, prop), val, field));
        }
        return errs;
      }
      case 'array': {
        if (!Array.isArray(value)) return err('type', `expected an array, got ${JSON.stringify(value)}`);
        const items = this.resolve(spec, (schema.items as Schema) ?? {});
        return value.flatMap((x, i) => this.checkJsonValue(spec, items, x, `${name}[${i}]`));
      }
      case 'integer':
        return Number.isInteger(value) ? [] : err('type', `expected an integer, got ${JSON.stringify(value)}`);
      case 'number':
        return typeof value === 'number' && Number.isFinite(value) ? [] : err('type', `expected a number, got ${JSON.stringify(value)}`);
      case 'boolean':
        return typeof value === 'boolean' ? [] : err('type', `expected true or false, got ${JSON.stringify(value)}`);
      case 'string': {
        if (typeof value !== 'string') return err('type', `expected a string, got ${JSON.stringify(value)}`);
        if (schema.format === 'byte' && !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) return err('type', 'expected base64');
        return this.checkValue(spec, schema, [value]).map((msg) => ({
          rule: msg.startsWith('not one of') ? 'enum' : msg.startsWith('does not match') ? 'pattern' : msg.includes('length') ? 'length' : 'type',
          field: at,
          message: `${name}: ${msg}`,
        }));
      }
      default:
        return [];
    }
  }

  private resolve(spec: Spec, s: Schema): Schema {
    let cur = s;
    for (let i = 0; i < 10 && typeof cur.$ref === 'string'; i++) {
      const ref = cur.$ref as string;
      // #/definitions/<name> (Swagger 2.0) or #/components/<schemas|parameters|…>/<name>
      const [, kind, name] = /^#\/components\/(\w+)\/(.+)$/.exec(ref) ?? [];
      cur = ref.startsWith('#/definitions/')
        ? (spec.definitions?.[ref.slice(14)] ?? {})
        : ((spec.components as Record<string, Record<string, Schema> | undefined> | undefined)?.[kind ?? '']?.[name ?? ''] ?? {});
    }
    return cur;
  }

  /** A Swagger 2.0 operation's `formData` parameters as an OpenAPI 3 form request body (null: none). */
  private swaggerFormBody(params: Schema[], operation: Schema): Schema | undefined {
    const fields = params.filter((p) => p.in === 'formData');
    if (fields.length === 0) return undefined;
    const consumes = (operation.consumes as string[] | undefined) ?? ['application/x-www-form-urlencoded'];
    if (!consumes.includes('application/x-www-form-urlencoded')) return undefined;
    const properties = Object.fromEntries(fields.map((p) => [p.name as string, p]));
    const required = fields.filter((p) => p.required === true).map((p) => p.name as string);
    return { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties, required } } } };
  }

  /** A Swagger 2.0 operation's `in: body` parameter as an OpenAPI 3 JSON request body (null: none). */
  private swaggerJsonBody(spec: Spec, operation: Schema): Schema | undefined {
    const param = ((operation.parameters as Schema[] | undefined) ?? []).map((p) => this.resolve(spec, p)).find((p) => p.in === 'body');
    if (!param) return undefined;
    const consumes = (operation.consumes as string[] | undefined) ?? ['application/json'];
    return { required: param.required === true, content: consumes.includes('application/json') ? { 'application/json': { schema: param.schema } } : {} };
  }

  private checkValue(spec: Spec, schema: Schema, values: string[]): string[] {
    const errs: string[] = [];
    if (schema.type === 'array') {
      const items = this.resolve(spec, (schema.items as Schema) ?? {});
      for (const val of values) errs.push(...this.checkValue(spec, items, [val]));
      return errs;
    }
    if (values.length > 1) errs.push('repeated but not an array');
    const val = values[0]!;
    switch (schema.type) {
      case 'integer':
        if (!/^-?\d+$/.test(val)) errs.push(`expected an integer, got "${val}"`);
        break;
      case 'number':
        if (val.trim() === '' || !Number.isFinite(Number(val))) errs.push(`expected a number, got "${val}"`);
        break;
      case 'boolean':
        if (!/^(true|false)$/i.test(val)) errs.push(`expected true or false, got "${val}"`);
        break;
      default:
        if (schema.format === 'uri' && !(schema['x-twilio'] as Schema | undefined)?.ignoreFormat && !URL.canParse(val)) errs.push(`expected a URI, got "${val}"`);
        if (schema.format === 'date-time' && Number.isNaN(Date.parse(val))) errs.push(`expected a date-time, got "${val}"`);
    }
    if (Array.isArray(schema.enum) && !schema.enum.includes(val)) errs.push(`not one of ${schema.enum.join(', ')}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(val)) errs.push(`does not match ${schema.pattern}`);
    if (typeof schema.minLength === 'number' && [...val].length < schema.minLength) errs.push(`length below ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && [...val].length > schema.maxLength) errs.push(`length above ${schema.maxLength}`);
    return errs;
  }
}
