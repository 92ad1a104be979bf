/**
 * Histories recorded from cases that earlier versions of the workflows ran (kept in
 * test/fixtures/workflow-histories: the legacy types' v1–v3, and the case runtime's V2 types, recorded by the
 * workflow tier with RECORD_WORKFLOW_HISTORIES=1) must replay on today's code: a change that is not behind
 * patched() fails here instead of in a running deployment. They replay through the payload codec: those recorded
 * before it are in clear and pass through it; later ones are sealed with the workflow tier's fixed test ring.
 */
import { Worker } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vardflodeDataConverter } from '../../libs/crypto/src/payload-codec';
import { fixedTestKeyRing } from '../support/test-key-ring';
import { TEST_ENV } from '../support/test-stack-env';

const dir = join(__dirname, '..', 'fixtures', 'workflow-histories');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('recorded workflow histories replay on the current code', () => {
  it('has recorded histories to replay', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
  });

  it.each(fixtures)('%s', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: { codePath: process.env[TEST_ENV.workflowBundle] as string }, dataConverter: vardflodeDataConverter(fixedTestKeyRing()) },
        history,
        `replay-${file}`,
      ),
    ).resolves.toBeUndefined();
  });
});
