#!/bin/sh
# The container image's install step (Dockerfile), also run by test/integrations.container.test.ts:
# the packed flink-mem tarball into a prefix of its own, with only its runtime dependencies, and a
# `flink-mem` command in BIN_DIR. Usage: install.sh <flink-mem-*.tgz> <prefix> [<bin dir>]
set -eu
tarball="$1"
prefix="$2"
bin_dir="${3:-}"
mkdir -p "$prefix"
printf '{ "private": true }\n' > "$prefix/package.json"
npm install --prefix "$prefix" --omit=dev --no-audit --no-fund --loglevel=error --no-update-notifier "$tarball"
# Readable by every user, writable by none but root: the image runs flink-mem as an unprivileged user.
chmod -R a+rX,go-w "$prefix"
if [ -n "$bin_dir" ]; then
  mkdir -p "$bin_dir"
  ln -sf "$prefix/node_modules/flink-mem/bin/flink-mem.cjs" "$bin_dir/flink-mem"
fi
