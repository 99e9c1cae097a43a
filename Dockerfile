# syntax=docker/dockerfile:1
# Multi-stage: build with dev dependencies, run with production dependencies only, as a non-root user.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# The readiness probe in node: the slim image has no curl.
HEALTHCHECK --interval=10s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "dist/apps/identity-bff/src/health/http-probe.js"]
# node directly, never npm: npm does not pass SIGTERM on reliably (contract §7). The V8 flags are
# the ones `npm run bench` measured (docs/performance.md): 16 MiB semi-spaces (32 bought nothing
# once requests stopped being promoted, and cost 21 MiB), no pretenuring (it moved request objects
# to the old generation), the old generation capped at 384 MiB (else V8 sizes it from the host's or
# the container's memory; keep the container's memory limit above ~528 MiB: docs/deployment.md),
# allowed to grow to twice what survived the last mark-compact, and no memory reducer (under steady
# load it ran a compacting mark-compact every ~100 s, a ~150 ms stall of the event loop on one core).
CMD ["node", "--max-semi-space-size=16", "--no-allocation-site-pretenuring", "--max-old-space-size=384", "--heap-growing-percent=100", "--no-memory-reducer", "dist/apps/identity-bff/src/main.js"]
