# spfwatch: the API, scheduler and workers (one image; SPFWATCH_ROLE picks the part).
#   docker build -t spfwatch .
#   docker run -e DATABASE_URL=postgresql://… -p 3000:3000 spfwatch
# See docker-compose.yml for Postgres + one API + N workers.

FROM node:20-slim AS build
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 CI=true
COPY . .
RUN npm ci --no-audit --no-fund
# Prisma client generation, the engine, contracts, the API and the web app it serves at /.
RUN npx turbo run build --filter=@spfwatch/api... --filter=@spfwatch/web... --output-logs=errors-only
RUN npm prune --omit=dev --no-audit --no-fund \
 && rm -rf .turbo apps/*/.turbo packages/*/.turbo

FROM node:20-slim
# MALLOC_ARENA_MAX=2: glibc gives each thread that mallocs its own arena (up to 8 per core; V8's
# GC and compiler threads, libuv's pool) and keeps their freed memory; two arenas cut a worker's
# peak RSS by ~12 MB in the monitoring benchmark (10,000 domains, 2 workers) at the same CPU.
# glibc reads it when the process starts, so it is set here (apps/api/bench spawns the same way).
ENV NODE_ENV=production PORT=3000 SPFWATCH_ROLE=all MALLOC_ARENA_MAX=2
WORKDIR /app
# Workspace packages are symlinked from node_modules, and prisma/migrations is read at start:
# the whole pruned tree comes along (owned by root, read-only for the app).
COPY --from=build /app /app
# Only used when DATABASE_URL is unset (embedded Postgres); writable by the app user.
RUN mkdir -p /app/.spfwatch && chown node:node /app/.spfwatch
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node is PID 1 and handles SIGTERM itself (stop accepting, drain workers, close the pool).
CMD ["node", "apps/api/dist/main.js"]
