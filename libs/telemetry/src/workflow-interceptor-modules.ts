/**
 * The workflow interceptor modules, one list for every workflow bundle: `npm run build`'s prebuilt bundle
 * (infra/scripts/build.js reads this file from dist/), the test tiers' bundles (test/support/global-setup.ts,
 * test/workflow/support/global-setup.ts) and a worker that bundles at start. A bundle without them would drop the
 * workflow's part of every trace.
 */
export const WORKFLOW_INTERCEPTOR_MODULES: string[] = [
  require.resolve('./workflow-interceptors'),
  // Workflow tasks that keep failing, told to the worker for the operators' list (GET /operations/cases); a worker
  // registers its `workflowProblems` sink (apps/worker/src/workflow-problems.ts).
  require.resolve('../../../workflows/shared/problem-interceptors'),
];
