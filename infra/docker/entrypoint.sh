#!/bin/sh
# The image's entry point (Dockerfile): the command picks what the container runs.
#   api      the HTTP API, which also serves the web app (the default)
#   worker   a Temporal worker of the case workflows and activities
#   else     the command as given, e.g. `node dist/infra/audit/verify.cli.js`
# exec: node becomes the container's main process and gets its SIGTERM (the API closes, the worker drains).
set -e
case "$1" in
  api) shift; exec node dist/apps/api/src/main.js "$@" ;;
  worker) shift; exec node dist/apps/worker/src/main.js "$@" ;;
  *) exec "$@" ;;
esac
