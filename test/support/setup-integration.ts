import { DefaultLogger, Runtime } from '@temporalio/worker';

// Workers in tests report only what went wrong; the Runtime can be installed once per process.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // already installed by an earlier test file in this jest worker
}
