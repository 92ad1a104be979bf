import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';

// The Java test server does not advertise every capability of a real Temporal server, and each worker warns about
// the one that only matters for heartbeat details of failed activities. That warning is expected here.
const expected = /activity_failure_include_heartbeat/;

// Workers in tests report only what went wrong; the Runtime can be installed once per process.
try {
  Runtime.install({
    logger: new DefaultLogger('WARN', ({ level, message, meta }) => {
      if (!expected.test(message)) process.stderr.write(`[temporal ${level}] ${message}${meta ? ` ${JSON.stringify(meta)}` : ''}\n`);
    }),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
  });
} catch {
  // already installed by an earlier test file in this jest worker
}
