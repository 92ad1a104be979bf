import type { OpenAPIObject } from '@nestjs/swagger';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

/** What a validator enforces that the document should say, copied onto the property where it says nothing yet. */
const RULES = ['minLength', 'maxLength', 'minimum', 'maximum', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'enum', 'format'] as const;

type Schema = {
  type?: string;
  $ref?: string;
  allOf?: Schema[];
  nullable?: boolean;
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: boolean;
} & Partial<Record<(typeof RULES)[number], unknown>>;

function copyRules(from: Schema | undefined, to: Schema): void {
  if (!from) return;
  for (const rule of RULES) {
    if (from[rule] !== undefined && to[rule] === undefined) (to as Record<string, unknown>)[rule] = from[rule];
  }
  if (from.type === 'integer' && to.type === 'number') to.type = 'integer';
  if (from.items && to.items && !('$ref' in to.items)) copyRules(from.items, to.items);
}

/**
 * The request bodies' schemas as the validation pipe enforces them: every bound, pattern, closed set and format a
 * class-validator decorator checks (read from class-validator's own metadata, so the document cannot drift from the
 * rules), and `additionalProperties: false`, since the pipe refuses a field the class does not declare. Response
 * schemas carry no validators and are left as they are.
 */
export function withValidationRules(document: OpenAPIObject): OpenAPIObject {
  // class-transformer's storage tells nested DTOs (@Type) apart; without it nested arrays lose their item rules.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: unknown };
  const rules = validationMetadatasToSchemas({ classTransformerMetadataStorage: defaultMetadataStorage as never, refPointerPrefix: '#/components/schemas/' }) as Record<
    string,
    Schema
  >;
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const [name, schema] of Object.entries(schemas)) {
    const validated = rules[name];
    if (!validated) continue;
    schema.additionalProperties = false;
    const required = new Set((validated as { required?: string[] }).required ?? []);
    for (const [property, target] of Object.entries(schema.properties ?? {})) {
      copyRules(validated.properties?.[property], target);
      // @IsOptional lets null through as well as an absent key: the document says so.
      if (!required.has(property)) {
        if (target.$ref) schema.properties![property] = { allOf: [{ $ref: target.$ref }], nullable: true, ...(target.description ? { description: target.description } : {}) };
        else target.nullable = true;
      }
    }
  }
  return document;
}
