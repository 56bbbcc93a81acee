# syntax=docker/dockerfile:1
# Agency Architect, the GitHub App (`npm start`). Multi-stage: the build stage compiles lib/ with the dev
# dependencies; the final stage has production dependencies only and runs as the image's non-root `node` user.

# --- build: TypeScript → lib/
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts here: `prepare` would build before the sources are copied; the build runs below.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The build pre-parses the code rules into lib/evidence/ast/rules.json.
COPY rules ./rules
# The build also bundles the CLI (scripts/build-cli.mjs).
COPY scripts ./scripts
RUN npm run build

# --- runtime
FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# `prepare` builds with TypeScript (a dev dependency): lib/ comes from the build stage instead.
RUN npm pkg delete scripts.prepare \
  && npm ci --omit=dev --no-audit --no-fund \
  && npm cache clean --force
COPY --from=build /app/lib ./lib
# Built-in agents (read from ../../agents relative to lib/agents), the app manifest and the config schema.
COPY agents ./agents
# The code rules (read from ../../../rules relative to lib/evidence/ast).
COPY rules ./rules
COPY app.yml ./
COPY schema ./schema
USER node
ENV PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "lib/app/main.js"]
