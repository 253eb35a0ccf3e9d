#!/usr/bin/env bash
# The Action's summary step: the memory split of each linted file, as Markdown tables in the job
# summary. It never fails the job: the lint step already said what is wrong.
set -uo pipefail
set -f
read -r -d '' -a paths <<< "${FLINK_MEM_PATHS:-.}" || true
[ "${#paths[@]}" -gt 0 ] || paths=(.)
args=(explain "${paths[@]}" --format json)
[ -z "${FLINK_MEM_TARGET:-}" ] || args+=(--target "$FLINK_MEM_TARGET")
json="${RUNNER_TEMP:-/tmp}/flink-mem-explain.json"
flink-mem "${args[@]}" > "$json"
node "$ACTION_PATH/scripts/action/summary.mjs" "$json" >> "$GITHUB_STEP_SUMMARY" || echo "flink-mem: could not write the job summary" >&2
exit 0
