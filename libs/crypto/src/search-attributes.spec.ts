/**
 * Temporal's search attributes and memos are stored and indexed in clear (the payload codec does not seal them for
 * the visibility store), so they must never carry personal data (personnummer, name). Today no code sets any. This
 * check lists every place in the code that could: a new one fails here until it is reviewed and added below with
 * the keys it sets, none of them personal data.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const SCANNED = ['apps', 'libs', 'workflows', 'activities', 'infra'];
const SETS_ATTRIBUTES = /\b(upsertSearchAttributes|searchAttributes|typedSearchAttributes|upsertMemo|memo)\s*[:(]/;
const PERSONAL = /personnummer|patientName|\bname\b|subject/i;

/** Reviewed places that set search attributes or a memo: file → the keys set there. */
const REVIEWED: Record<string, string[]> = {};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === 'node_modules' || entry === 'dist') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry) && !entry.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('search attributes and memos carry no personal data', () => {
  const setters = SCANNED.flatMap((d) => sources(join(ROOT, d)))
    .filter((file) => SETS_ATTRIBUTES.test(readFileSync(file, 'utf8')))
    .map((file) => relative(ROOT, file));

  it('every place that sets them has been reviewed', () => {
    expect(setters.filter((f) => !(f in REVIEWED))).toEqual([]);
  });

  it('no reviewed key is personal data', () => {
    for (const keys of Object.values(REVIEWED)) for (const key of keys) expect(key).not.toMatch(PERSONAL);
  });

  it('would catch a workflow that sets one', () => {
    expect(SETS_ATTRIBUTES.test("upsertSearchAttributes({ Personnummer: ['191212121212'] })")).toBe(true);
    expect(SETS_ATTRIBUTES.test("startWorkflow(t, { memo: { patient } })")).toBe(true);
  });
});
