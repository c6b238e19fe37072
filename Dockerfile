# PreLetter's production image: the compiled program, its production dependencies and the files it
# reads from its package root; no TypeScript, no Go, no embedded database (production uses MongoDB,
# named by MONGODB_URI). README, "Deploy", says how to run it. test/deploy/ checks this file.
ARG NODE_IMAGE=node:22-bookworm-slim

# --- build: compile src/ and adapters/ into dist/ with the development dependencies ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the postinstall would also build the embedded development database with Go.
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
RUN npm run build

# --- runtime: production dependencies and the compiled program only ---
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# No dependency needs an install script; the cache mount keeps npm's cache out of the image.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /app/dist ./dist
# The Teams app manifest and icons (npm run package:teams reads them from the package root).
COPY manifest ./manifest
# The files above stay root's: the program runs as the image's unprivileged user and writes nothing.
USER node
EXPOSE 3978
# Liveness: the process answers /healthz (readiness, /readyz, is for the load balancer). Slim images have no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself, not npm, is PID 1: SIGTERM reaches PreLetter, which drains requests and closes the database.
CMD ["node", "dist/src/main.js"]
