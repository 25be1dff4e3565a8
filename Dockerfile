# lienthong gateway image: `docker build -t lienthong .`, then
#   docker run -p 4000:4000 -v ./lienthong.yaml:/etc/lienthong/lienthong.yaml:ro lienthong
# or `docker run -p 127.0.0.1:4000:4000 lienthong demo` for the embedded demo (loopback only:
# its playground hands out the demo tokens).
#
# Node 24, the active LTS line (22 is in maintenance; 20 left support in April 2026): the
# code and its locked dependencies run on Node 20.19+ (package.json engines; better-sqlite3
# 12 builds on 24). The tests run on Node 20: --build-arg NODE_VERSION=20 builds that runtime.
ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 is compiled from source: no prebuilt binary is fetched from outside the registry.
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY schema ./schema
COPY src ./src
COPY connectors ./connectors
COPY simulators ./simulators
COPY scripts ./scripts
COPY bench ./bench
RUN npm run build && npm prune --omit=dev

FROM node:${NODE_VERSION}-bookworm-slim
# DejaVu Sans has the Vietnamese glyphs the printed procedure boards (PDF) need.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /app/data \
    && chown node:node /app/data
WORKDIR /app
ENV NODE_ENV=production \
    LIENTHONG_HOST=0.0.0.0 \
    LIENTHONG_DATA_DIR=/app/data
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/schema ./schema
COPY --from=build /app/dist ./dist
USER node
VOLUME ["/app/data"]
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --retries=6 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.LIENTHONG_PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The gateway stops gracefully on SIGTERM (requests in flight answered, audit log written out).
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["start", "--config", "/etc/lienthong/lienthong.yaml"]
