#!/usr/bin/env bash
# The Action's install step: flink-mem from npm (FLINK_MEM_SPEC, or the version of this action's
# own package.json) into a folder of the runner's temporary space, put on the PATH of later steps.
set -euo pipefail
spec="${FLINK_MEM_SPEC:-}"
if [ -z "$spec" ]; then
  spec="flink-mem@$(node -p 'require(process.argv[1]).version' "$ACTION_PATH/package.json")"
elif [[ "$spec" != *.tgz && "$spec" != flink-mem@* ]]; then
  spec="flink-mem@$spec"
fi
prefix="${RUNNER_TEMP:?RUNNER_TEMP is not set}/flink-mem"
mkdir -p "$prefix"
[ -f "$prefix/package.json" ] || echo '{ "private": true }' > "$prefix/package.json"
npm install --prefix "$prefix" --omit=dev --no-audit --no-fund --loglevel=error "$spec" >&2
echo "$prefix/node_modules/.bin" >> "$GITHUB_PATH"
"$prefix/node_modules/.bin/flink-mem" --version
