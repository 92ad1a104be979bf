/**
 * README.md's "Policies" table lists every setting that is a rule of the processes (discharge, reimbursement,
 * coordination, the agreement, situation reports, transfers) with its default and where it comes from: a source, or our assumption (issue 11).
 * A new setting without a row fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from './app-config';

const README = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
const section = (title: string): string => {
  const start = README.indexOf(`\n${title}\n`);
  if (start < 0) throw new Error(`README.md has no "${title}"`);
  const next = README.slice(start + title.length + 2).search(/\n#{2,3} /);
  return README.slice(start, next < 0 ? undefined : start + title.length + 2 + next);
};
const cells = (row: string) => row.split('|').slice(1, -1).map((c) => c.trim());
const POLICY_ROWS = section('## Policies')
  .split('\n')
  .filter((l) => l.startsWith('| ') && !l.startsWith('| process ') && !l.startsWith('|---'))
  .map(cells);
// An optional setting with no default (unset) is listed too, its default cell saying so.
const RULE_SETTINGS = Object.entries(new AppConfig()).map(([name, value]): [string, unknown] => [name, value ?? '(unset)']).filter(([name]) => /^(DISCHARGE|REIMBURSEMENT|COORDINATION|AGREEMENT|SITUATION_REPORT|TRANSFER|REINFORCEMENT)_|^PATIENT_DATA_RETENTION_DAYS$/.test(name));

describe('README.md: the Policies table', () => {
  it('has five columns in every row, and says in each where the rule comes from', () => {
    expect(POLICY_ROWS.length).toBeGreaterThan(30);
    for (const row of POLICY_ROWS) {
      expect(row).toHaveLength(5);
      expect(row[4]).toMatch(/source|our assumption|the brief's/);
    }
  });

  it.each(RULE_SETTINGS)('lists %s with its default', (name, value) => {
    const row = POLICY_ROWS.find((r) => r[2].includes(`\`${name}\``));
    expect(row).toBeDefined();
    expect(row?.[3]).toContain(`\`${String(value)}\``);
  });

  it('names AGREEMENT_LPIK_BASIS and the LPIK bounds as not from the source', () => {
    expect(POLICY_ROWS.find((r) => r[2] === '`AGREEMENT_LPIK_BASIS`')?.[4]).toMatch(/^not in the source/);
    expect(POLICY_ROWS.find((r) => r[2].includes('`LPIK_BOUNDS_HUNDREDTHS`'))?.[4]).toMatch(/^our assumption/);
    expect(POLICY_ROWS.find((r) => r[2] === '`AGREEMENT_NOTICE_PERIOD_DAYS`')?.[4]).toMatch(/^our assumption/);
    expect(POLICY_ROWS.find((r) => r[2] === '`INSTALMENT_DAYS`')?.[4]).toMatch(/^our assumption/);
    expect(POLICY_ROWS.find((r) => r[2] === '`REIMBURSEMENT_SECOND_APPROVAL_THRESHOLD_ORE`')?.[4]).toMatch(/^our assumption/);
  });
});
