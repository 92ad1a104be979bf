// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'jest.config.js', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      // An un-awaited promise is a lost error (worker.run(), an assertion, a DB write).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain Node scripts that run before anything is compiled.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Workflows are deterministic code run in Temporal's sandbox: no I/O, no Node built-ins, no Nest, no
    // TypeORM. Side effects belong in activities, which workflows import as types only. The workflow tier's
    // test-only workflows and its bundle entry run in the same sandbox.
    files: ['workflows/**/*.ts', 'test/workflow/workflows/**/*.ts', 'test/workflow/support/workflows.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'Workflows must not use Node built-ins: use an activity.' },
            { group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'nestjs-pino', 'pino'], message: 'No Nest, database or logger in workflows: use an activity.' },
            { group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity'], message: 'Workflows import only @temporalio/workflow.' },
            { group: ['**/activities/**'], message: "Import activities as types only (import type) and call them through proxyActivities.", allowTypeImports: true },
          ],
          paths: ['fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'events', 'stream', 'util', 'worker_threads'].map(
            (name) => ({ name, message: 'Workflows must not use Node built-ins: use an activity.' }),
          ),
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() in a loop from @temporalio/workflow.' },
        { name: 'fetch', message: 'No I/O in workflows: use an activity.' },
        { name: 'process', message: 'No process access in workflows.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Not in workflows: use uuid4() from @temporalio/workflow.' },
      ],
    },
  },
);
