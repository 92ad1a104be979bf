import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';

/**
 * Response properties by what they hold, so the OpenAPI document gives every id, instant, date and amount its
 * format. `optional`: the key may be absent; `nullable`: present but null.
 */
type Extra = { optional?: boolean; nullable?: boolean; description?: string; example?: unknown };

const property = (options: ApiPropertyOptions, extra: Extra = {}) =>
  ApiProperty({
    ...options,
    required: !extra.optional,
    ...(extra.nullable ? { nullable: true } : {}),
    ...(extra.description ? { description: extra.description } : {}),
    ...(extra.example !== undefined ? { example: extra.example } : {}),
  } as ApiPropertyOptions);

export const UuidProperty = (extra?: Extra) => property({ type: String, format: 'uuid' }, extra);
/** An ISO 8601 instant with its offset. */
export const InstantProperty = (extra?: Extra) => property({ type: String, format: 'date-time' }, extra);
/** A calendar date, YYYY-MM-DD (Europe/Stockholm where it is a legal date). */
export const DateProperty = (extra?: Extra) => property({ type: String, format: 'date' }, extra);
export const TextProperty = (extra?: Extra) => property({ type: String }, extra);
export const IntegerProperty = (extra?: Extra & { minimum?: number }) =>
  property({ type: 'integer', ...(extra?.minimum !== undefined ? { minimum: extra.minimum } : {}) }, extra);
export const IntegerArrayProperty = (extra?: Extra) => property({ type: 'integer', isArray: true }, extra);
export const NumberProperty = (extra?: Extra) => property({ type: Number }, extra);
/** Integer öre (1 kr = 100 öre). */
export const OreProperty = (extra?: Extra) => property({ type: 'integer' }, extra);
export const BooleanProperty = (extra?: Extra) => property({ type: Boolean }, extra);
/** A value of a closed set, named by the constant that defines it. */
export const EnumProperty = (values: readonly string[], enumName: string, extra?: Extra) =>
  property({ enum: [...values], enumName, type: String }, extra);
export const EnumArrayProperty = (values: readonly string[], enumName: string, extra?: Extra) =>
  property({ enum: [...values], enumName, isArray: true, type: String }, extra);
export const TextArrayProperty = (extra?: Extra) => property({ type: [String] }, extra);
/** An object of another response class (`type` as a thunk: classes may be declared below). */
export const NestedProperty = (thunk: () => unknown, extra?: Extra & { isArray?: boolean }) =>
  // @nestjs/swagger resolves a lazy type only from a function named `type` (any other is a `$ref` with no name).
  property({ type: () => thunk(), ...(extra?.isArray ? { isArray: true } : {}) } as ApiPropertyOptions, extra);
/** Free-form JSON the process defines (a task's input and answer, a timeline event's detail, a list summary). */
export const JsonObjectProperty = (extra?: Extra) => property({ type: 'object', additionalProperties: true }, extra);
