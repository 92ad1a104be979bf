import { parse as parseAst, tokenize } from '@humanwhocodes/momoa';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';

/** Keys that reach an object's prototype when code copies a parsed body (`Object.assign`, spread, lodash merge…). */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const invalid = (message: string, field?: string) =>
  new DomainError(DomainErrorCode.InvalidInput, message, field === undefined ? undefined : { field });

const join = (path: string, segment: string | number) => (path ? `${path}.${segment}` : String(segment));

/** Where momoa (a JSON parser that reports line and column) finds the syntax error, without echoing the body. */
function syntaxError(text: string): DomainError {
  let where = '';
  try {
    parseAst(text, { mode: 'json' });
  } catch (err) {
    const { line, column } = err as { line?: unknown; column?: unknown };
    if (typeof line === 'number' && typeof column === 'number') where = ` (line ${line}, column ${column})`;
  }
  return invalid(`the body is not valid JSON${where}`);
}

interface Container {
  path: string;
  array: boolean;
  /** Array: index of the current element. */
  index: number;
  /** Object: the keys seen so far, the current key, and whether a string token now is a key. */
  keys: Set<string>;
  key: string;
  expectKey: boolean;
}

/**
 * Parses a JSON request body and refuses what JSON.parse alone lets through: a key given twice (the last one would
 * silently win), keys that reach the prototype, and nesting deeper than `maxDepth` (the body itself is level 1).
 * The body must be an object or an array. Every refusal is a 400 that names the field by its full path
 * (`needs.region`, `lines.0.note`).
 *
 * JSON.parse (iterative, so deep nesting cannot overflow the stack) checks the syntax and builds the value; then
 * one pass over momoa's tokens, with an explicit stack, finds duplicates, prototype keys and depth in text order.
 */
export function parseStrictJson(text: string, maxDepth: number): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw syntaxError(text);
  }
  if (typeof value !== 'object' || value === null) throw invalid('the body must be a JSON object');

  const stack: Container[] = [];
  for (const token of tokenize(text, { mode: 'json', ranges: false })) {
    const top = stack[stack.length - 1] as Container | undefined;
    switch (token.type) {
      case 'LBrace':
      case 'LBracket': {
        const path = top ? join(top.path, top.array ? top.index : top.key) : '';
        if (stack.length + 1 > maxDepth) {
          throw invalid(`${path} is nested deeper than ${maxDepth} levels`, path);
        }
        stack.push({ path, array: token.type === 'LBracket', index: 0, keys: new Set(), key: '', expectKey: true });
        break;
      }
      case 'RBrace':
      case 'RBracket':
        stack.pop();
        break;
      case 'Colon':
        if (top) top.expectKey = false;
        break;
      case 'Comma':
        if (top?.array) top.index++;
        else if (top) top.expectKey = true;
        break;
      case 'String':
        if (top && !top.array && top.expectKey) {
          const key = JSON.parse(text.slice(token.loc.start.offset, token.loc.end.offset)) as string;
          const field = join(top.path, key);
          if (PROTOTYPE_KEYS.has(key)) throw invalid(`${field} is not an allowed key`, field);
          if (top.keys.has(key)) throw invalid(`${field} is given more than once`, field);
          top.keys.add(key);
          top.key = key;
        }
        break;
      default:
        break;
    }
  }
  return value;
}
