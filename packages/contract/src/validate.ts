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

function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  // OpenAPI's numeric formats; a JSON number is exact up to 2^53, which bounds int64 here.
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => n === (n | 0) });
  ajv.addFormat('int64', { type: 'number', validate: Number.isSafeInteger });
  ajv.addKeyword('x-enum-varnames');
  ajv.addKeyword('x-enum-descriptions');
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
