# Multi-stage build: web app, then the Rust binary, then a slim runtime.
# Not runnable on the development machines (no Docker engine there).
FROM node:20-bookworm AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

FROM rust:1.95-bookworm AS server
WORKDIR /src
COPY . .
COPY --from=web /src/web/dist web/dist
ENV SQLX_OFFLINE=true
RUN cargo build --release --bin conectcrm

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=server /src/target/release/conectcrm /usr/local/bin/conectcrm
ENV CONECTCRM_BIND=0.0.0.0:3001 CONECTCRM_DATA_DIR=/data
VOLUME /data
EXPOSE 3001
ENTRYPOINT ["conectcrm", "--production"]
CMD ["serve"]
