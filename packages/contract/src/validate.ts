// Validation against the bundled contract with Ajv (JSON Schema 2020-12, the dialect of
// OpenAPI 3.1). Used by every package's tests to hold fixtures and responses to the contract.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import mdss from './generated/mdss.openapi.json' with { type: 'json' };
import proxy from './generated/proxy.openapi.json' with { type: 'json' };

// ajv-formats is CommonJS: its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule.default;

type Schema = Record<string, unknown>;
type OpenApiDocument = {
  paths: Record<string, Record<string, { responses: Record<string, Schema> }>>;
  components: { schemas: Record<string, Schema> };
};

export interface ResponseOptions {
  /** Lower-case HTTP method; `get` by default. */
  method?: string;
  /** The response's Content-Type, to pick the documented media type. */
  contentType?: string | null | undefined;
}

/**
 * `contentSchema` checked, not only read: JSON Schema leaves it an annotation, but the contract
 * types an event's `data` by it (a string of JSON, `contentMediaType: application/json`), and a
 * test must see a wrong summary inside that string. Other media types stay annotations.
 */
function checkJsonContent(ajv: Ajv2020): void {
  ajv.removeKeyword('contentSchema');
  ajv.addKeyword({
    keyword: 'contentSchema',
    type: 'string',
    schemaType: ['object', 'boolean'],
    errors: true,
    compile(schema: Schema | boolean, parent: Schema) {
      if (parent.contentMediaType !== 'application/json') return () => true;
      const validate = ajv.compile(schema);
      const check = (text: string) => {
        let content: unknown;
        try {
          content = JSON.parse(text);
        } catch {
          check.errors = [contentError('must be JSON text')];
          return false;
        }
        if (validate(content)) return true;
        check.errors = formatErrors(validate.errors).map((e) => contentError(`as JSON: ${e}`));
        return false;
      };
      check.errors = [] as Partial<ErrorObject>[];
      return check;
    },
  });
}

const contentError = (message: string): Partial<ErrorObject> => ({
  keyword: 'contentSchema',
  message,
  params: {},
});

function createAjv(verbose = false): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose });
  addFormats(ajv);
  // OpenAPI's numeric formats; a JSON number is exact up to 2^53, which bounds int64 here.
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => n === (n | 0) });
  ajv.addFormat('int64', { type: 'number', validate: Number.isSafeInteger });
  ajv.addKeyword('x-enum-varnames');
  ajv.addKeyword('x-enum-descriptions');
  checkJsonContent(ajv);
  return ajv;
}

/** A contract's schemas and responses, each compiled once, on first use. */
export class ContractValidator {
  readonly #ajv = createAjv();
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {}

  #compile(key: string, schema: Schema | undefined): ValidateFunction {
    let validate = this.#compiled.get(key);
    if (!validate) {
      if (!schema) throw new Error(`the contract has no ${key}`);
      validate = this.#ajv.compile(schema);
      this.#compiled.set(key, validate);
    }
    return validate;
  }

  /** Problems of `value` against `components.schemas[name]`; empty when it is valid. */
  schemaErrors(name: string, value: unknown): string[] {
    const validate = this.#compile(`schema ${name}`, this.document.components.schemas[name]);
    return validate(value) ? [] : formatErrors(validate.errors);
  }

  /**
   * Problems of a JSON body against the documented response of `path` for `status`. The media
   * type is the response's `contentType` when given (parameters ignored), else `application/json`.
   */
  responseErrors(
    path: string,
    status: number,
    body: unknown,
    options: ResponseOptions = {},
  ): string[] {
    const method = options.method ?? 'get';
    const mediaType = options.contentType?.split(';')[0]?.trim() ?? 'application/json';
    const response = this.document.paths[path]?.[method]?.responses[String(status)] as
      | { content?: Record<string, { schema?: Schema }> }
      | undefined;
    const key = `response ${method.toUpperCase()} ${path} ${status} ${mediaType}`;
    const validate = this.#compile(key, response?.content?.[mediaType]?.schema);
    return validate(body) ? [] : formatErrors(validate.errors);
  }

  /** Throws, listing every problem, unless `value` matches `components.schemas[name]`. */
  assertSchema(name: string, value: unknown): void {
    throwIfAny(`does not match schema ${name}`, this.schemaErrors(name, value));
  }

  /** Throws, listing every problem, unless `body` matches the documented response. */
  assertResponse(path: string, status: number, body: unknown, options: ResponseOptions = {}): void {
    throwIfAny(
      `is not a valid ${status} ${options.contentType ?? ''} response of ${path}`,
      this.responseErrors(path, status, body, options),
    );
  }
}

function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`);
}

function throwIfAny(what: string, errors: string[]): void {
  if (errors.length > 0) throw new Error(`value ${what}:\n  ${errors.join('\n  ')}`);
}

/** The upstream MDSS contract (`openapi/mdss.yaml`). */
export const mdssContract = new ContractValidator(mdss as unknown as OpenApiDocument);

/** The proxy's contract (`openapi/proxy.yaml`), with the upstream's schemas it reuses. */
export const proxyContract = new ContractValidator(proxy as unknown as OpenApiDocument);

/** A code table, as the contract writes it: `anyOf` its `Known…` enum and any value of its type. */
function knownCodes(anyOf: unknown): Schema | undefined {
  if (!Array.isArray(anyOf) || anyOf.length !== 2) return undefined;
  const known = anyOf.find((branch) => Array.isArray(branch?.enum) && branch['x-enum-varnames']);
  const open = anyOf.find((branch) => branch !== known);
  const bare = open && Object.keys(open).length === 1 && open.type === known?.type;
  return bare ? known : undefined;
}

/**
 * `node` closed: every record refuses properties it does not name, and every code table its
 * unknown codes. The contract stays open for clients; this copy is what a real answer is held
 * to, so that what it has and the contract lacks is reported. A part of an `allOf` is left open
 * itself (the record it is part of names the rest, and closes over both).
 */
function closed(node: unknown, part = false): unknown {
  if (Array.isArray(node)) return node.map((item) => closed(item));
  if (typeof node !== 'object' || node === null) return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    // Examples are data, not schemas.
    if (key === 'examples' || key === 'example') out[key] = value;
    else if (key === 'allOf' && Array.isArray(value)) out[key] = value.map((v) => closed(v, true));
    else out[key] = closed(value);
  }
  const known = knownCodes(out.anyOf);
  if (known) {
    const { anyOf: _open, ...rest } = out;
    return { ...rest, ...known, description: rest.description ?? known.description };
  }
  if (out.properties && !('additionalProperties' in out) && !part) {
    out.unevaluatedProperties = false;
  }
  return out;
}

const closedMdss = closed(mdss) as OpenApiDocument;
const gapsAjv = createAjv(true);
const gapValidators = new Map<string, ValidateFunction>();

/**
 * What a JSON answer of `GET /api/file/{id}` has that the contract does not name: properties
 * no schema lists and codes outside the `Known…` tables, one line each (`/path: …`). Empty when
 * the contract names everything in it. Not a validity check: `mdssContract` is that.
 */
export function contractGaps(status: number, body: unknown): string[] {
  const key = String(status);
  let validate = gapValidators.get(key);
  if (!validate) {
    const response = closedMdss.paths['/api/file/{id}']?.get?.responses[key] as
      | { content?: Record<string, { schema?: Schema }> }
      | undefined;
    const schema = response?.content?.['application/json']?.schema;
    if (!schema) return [];
    validate = gapsAjv.compile(schema);
    gapValidators.set(key, validate);
  }
  if (validate(body)) return [];
  const gaps = new Set<string>();
  for (const error of validate.errors ?? []) {
    const at = error.instancePath;
    if (error.keyword === 'unevaluatedProperties') {
      const name = String(error.params.unevaluatedProperty);
      gaps.add(`${at}/${name}: a property the contract does not name`);
    } else if (error.keyword === 'enum') {
      gaps.add(`${at || '/'}: ${JSON.stringify(error.data)}, a code the contract does not name`);
    }
  }
  return [...gaps];
}
