# flink-mem as a container image, for GitLab CI, Jenkins, Argo and other runners:
#   docker build -t flink-mem .
#   docker run --rm -v "$PWD:/work" flink-mem lint conf/ k8s/
# The entrypoint is flink-mem; the working directory /work is where to mount the files to check.

# Build: compile and pack flink-mem exactly as npm publishes it.
FROM node:22-alpine AS build
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build && npm pack --ignore-scripts --pack-destination /tmp && mv /tmp/flink-mem-*.tgz /tmp/flink-mem.tgz

# Run: Node and the packed flink-mem with its runtime dependencies only, as an unprivileged user.
FROM node:22-alpine
COPY --from=build /tmp/flink-mem.tgz /tmp/flink-mem.tgz
COPY scripts/docker/install.sh /tmp/install.sh
RUN sh /tmp/install.sh /tmp/flink-mem.tgz /opt/flink-mem /usr/local/bin \
 && rm -rf /tmp/flink-mem.tgz /tmp/install.sh /root/.npm
USER node
WORKDIR /work
ENTRYPOINT ["flink-mem"]
CMD ["--help"]
