/**
 * What text a request may carry. Pure: the API's field decorators and the task answers' schema check share it.
 *
 * - `plain` (names, codes, references): no control characters at all, no bidirectional formatting characters
 *   (which can make a name display as another), no lone surrogates.
 * - `free` (reasons, comments, descriptions): as plain, but tab and newline are allowed, and so are the bidi
 *   formatting characters that right-to-left writing needs.
 *
 * Either way the text must not be blank and must fit its maximum length (UTF-16 code units, as JSON counts them).
 */
export type TextKind = 'plain' | 'free';

export interface TextRule {
  kind: TextKind;
  max: number;
  /** Default 1: a required text is never empty or only whitespace. */
  min?: number;
}

// C0 controls (U+0000–U+001F), DEL (U+007F) and C1 controls (U+0080–U+009F): matching them is the point.
// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// The same without tab (U+0009) and line feed (U+000A).
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_TAB_AND_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// Embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
const BIDI_FORMATTING = /[\u202a-\u202e\u2066-\u2069]/;
// With the u flag a surrogate pair is one code point outside this range: only a lone half matches.
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/** What is wrong with `value` as text of `rule` (e.g. `must not contain control characters`), or null. */
export function textProblem(value: unknown, rule: TextRule): string | null {
  if (typeof value !== 'string') return 'must be a string';
  const min = rule.min ?? 1;
  if (value.length > rule.max) return `must be at most ${rule.max} characters long`;
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode (no lone surrogates)';
  if (rule.kind === 'plain' && ANY_CONTROL.test(value)) return 'must not contain control characters';
  if (rule.kind === 'free' && CONTROL_BUT_TAB_AND_NEWLINE.test(value)) return 'must not contain control characters other than tab and newline';
  if (rule.kind === 'plain' && BIDI_FORMATTING.test(value)) return 'must not contain bidirectional formatting characters';
  if (value.length < min) return `must be at least ${min} characters long`;
  if (min > 0 && value.trim() === '') return 'must not be blank';
  return null;
}

/** '[…]' → '…': a character class's members, to build a pattern from the classes above. */
const members = (characterClass: RegExp) => characterClass.source.slice(1, -1);

/**
 * The rule of `textProblem` as an OpenAPI (ECMA-262) pattern, so the document states it: none of the refused
 * characters, and (when `min` > 0) something besides whitespace. Lone surrogates and the length in UTF-16 units
 * are checked but not in the pattern.
 */
export function textPattern(kind: TextKind, min = 1): string {
  const refused = kind === 'plain' ? `${members(ANY_CONTROL)}${members(BIDI_FORMATTING)}` : members(CONTROL_BUT_TAB_AND_NEWLINE);
  // No lookahead for "not blank": generators (e.g. a fuzzer's) cannot draw from one, so one non-space is spelled out.
  return min > 0 ? `^[^${refused}]*[^${refused}\\s][^${refused}]*$` : `^[^${refused}]*$`;
}

/** A code of a fixed alphabet: `pattern` admits no control or formatting character and bounds the length to `max`. */
export interface CodeFormat {
  pattern: RegExp;
  max: number;
  /** Reads after "must be". */
  what: string;
}

export const ORGANISATION_CODE: CodeFormat = { pattern: /^[A-Za-z0-9-]{2,40}$/, max: 40, what: 'an organisation code' };
export const MUNICIPALITY_CODE: CodeFormat = { pattern: /^\d{4}$/, max: 4, what: 'a four-digit municipality code' };

/** What is wrong with `value` as a code of `format` (`must be an organisation code`), or null. */
export function codeProblem(value: unknown, format: CodeFormat): string | null {
  return typeof value === 'string' && value.length <= format.max && format.pattern.test(value) ? null : `must be ${format.what}`;
}

/** Whether a name the caller sent (a field name, a query parameter) may be echoed in an error: short printable ASCII. */
export function isEchoableName(name: string): boolean {
  return /^[\x21-\x7e]{1,64}$/.test(name);
}
