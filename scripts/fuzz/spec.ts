// Reads the server's own OpenAPI document into the operations the fuzzer attacks:
// whatever a route declares (path, query, headers, JSON body, security) is what
// gets generated, so a route added later is fuzzed without touching this code.

/** The subset of JSON Schema that fastify-type-provider-zod emits for our routes. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  description?: string;
  $ref?: string;
};

export type Parameter = { name: string; in: "path" | "query" | "header"; isRequired: boolean; schema: JsonSchema };

export type Operation = {
  method: string;
  /** OpenAPI template, e.g. /api/v1/links/{id}. */
  pathTemplate: string;
  isAuthenticated: boolean;
  pathParams: Parameter[];
  queryParams: Parameter[];
  headerParams: Parameter[];
  /** The JSON body's schema; null when the route takes no body. */
  body: JsonSchema | null;
  isBodyRequired: boolean;
};

type OpenApiOperation = {
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
};

export type OpenApiDocument = { paths: Record<string, Record<string, OpenApiOperation>> };

const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [pathTemplate, byMethod] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(byMethod)) {
      if (!METHODS.has(method)) continue;
      const parameters: Parameter[] = (operation.parameters ?? []).map((parameter) => ({
        name: parameter.name,
        in: parameter.in as Parameter["in"],
        isRequired: Boolean(parameter.required),
        schema: parameter.schema ?? {},
      }));
      const json = operation.requestBody?.content?.["application/json"];
      operations.push({
        method: method.toUpperCase(),
        pathTemplate,
        isAuthenticated: Array.isArray(operation.security) && operation.security.length > 0,
        pathParams: parameters.filter((parameter) => parameter.in === "path"),
        queryParams: parameters.filter((parameter) => parameter.in === "query"),
        headerParams: parameters.filter((parameter) => parameter.in === "header"),
        body: json ? (json.schema ?? {}) : null,
        isBodyRequired: Boolean(operation.requestBody?.required),
      });
    }
  }
  return operations;
}

export async function readOperations(baseUrl: string): Promise<Operation[]> {
  const response = await fetch(`${baseUrl}/docs/json`);
  if (!response.ok) throw new Error(`GET /docs/json answered ${response.status}`);
  const operations = operationsOf((await response.json()) as OpenApiDocument);
  if (operations.length === 0) throw new Error("the OpenAPI document lists no operations");
  return operations;
}

/** The operation's label in reports: its method and template. */
export function routeOf(operation: Pick<Operation, "method" | "pathTemplate">): string {
  return `${operation.method} ${operation.pathTemplate}`;
}
