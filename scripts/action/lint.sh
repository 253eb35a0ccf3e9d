#!/usr/bin/env bash
# The Action's lint step: annotations in the log, the SARIF report in a file; the step fails as
# flink-mem's exit code says (1 findings at or above fail-on, 2 bad input, 3 internal error).
set -uo pipefail
set -f # paths are flink-mem's to expand (quoted globs), not the shell's
read -r -d '' -a paths <<< "${FLINK_MEM_PATHS:-.}" || true
[ "${#paths[@]}" -gt 0 ] || paths=(.)
args=(lint "${paths[@]}" --format sarif --output "$FLINK_MEM_SARIF" --format github --fail-on "${FLINK_MEM_FAIL_ON:-error}")
[ -z "${FLINK_MEM_TARGET:-}" ] || args+=(--target "$FLINK_MEM_TARGET")
flink-mem "${args[@]}"
code=$?
echo "sarif-file=$FLINK_MEM_SARIF" >> "$GITHUB_OUTPUT"
exit "$code"
