import { CASE_STATUSES, CASE_TYPES, TASK_KINDS } from './case-catalogue';
import { ROUND_STATUSES, SITUATION_ROUND_CASE_TYPE, SITUATION_TASK_KINDS } from './situation-report.contract';

describe('the case catalogue (what /cases and /tasks filter and answer with)', () => {
  // Without them the OpenAPI's TaskKind and CaseType enums do not name a situation round's tasks, which /tasks
  // returns (an undocumented response value), and the web app cannot give them Swedish names.
  it('knows the situation reports: their case type, round statuses and every task kind', () => {
    expect(CASE_TYPES).toContain(SITUATION_ROUND_CASE_TYPE);
    for (const status of ROUND_STATUSES) expect(CASE_STATUSES).toContain(status);
    for (const kind of Object.values(SITUATION_TASK_KINDS)) expect(TASK_KINDS).toContain(kind);
  });
});
