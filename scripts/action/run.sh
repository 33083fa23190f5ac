#!/usr/bin/env bash
# The GitHub Action's lint step (action.yml), runnable locally with the same environment:
#   INPUT_PATHS        compose files or directories, one per line (default: .)
#   INPUT_CONFIG       configuration file (optional)
#   INPUT_PRESET       rule preset (optional)
#   INPUT_FAIL_ON      lowest severity that fails: error, warning, note or never (default: error)
#   INPUT_MAX_WARNINGS fail when the run has more warnings than this in total (optional)
#   INPUT_SARIF_FILE   where to write SARIF (default: compose-lint.sarif)
# It never fails itself: the exit code compose-lint decided is written to $GITHUB_OUTPUT
# (exit-code=N) so that the SARIF upload runs first and a later step fails the job.
set -uo pipefail

action_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# The CLI users get (package.json `bin`): the bundle with its code cache starts in half the time.
cli="$action_dir/dist/compose-lint.cjs"
output_file=${GITHUB_OUTPUT:-/dev/null}
sarif=${INPUT_SARIF_FILE:-compose-lint.sarif}
fail_on=${INPUT_FAIL_ON:-error}

record() {
  echo "exit-code=$1" >>"$output_file"
  echo "sarif-file=$sarif" >>"$output_file"
  if [ -s "$sarif" ]; then echo "sarif-written=true" >>"$output_file"; else echo "sarif-written=false" >>"$output_file"; fi
  echo "compose-lint: exit code $1"
  exit 0
}

# A report left from an earlier run must not be uploaded as this run's.
rm -f "$sarif"

if [ ! -f "$cli" ]; then
  echo "::error title=compose-lint::$cli is missing: run npm ci in $action_dir first"
  record 2
fi

# `node --version` answers without starting a JavaScript runtime, unlike `node -e`.
node_version=$(node --version 2>/dev/null || echo v0)
node_major=${node_version#v}
node_major=${node_major%%.*}
if ! [ "$node_major" -ge 20 ] 2>/dev/null; then
  echo "::error title=compose-lint::compose-lint needs Node.js 20 or later (found $(node --version)): add actions/setup-node before it"
  record 2
fi

args=()
case "$fail_on" in
  # error adds nothing, so a configuration file's own failOn still applies.
  error) ;;
  # The CLI's --max-warnings replaces the warning part of the threshold itself: both pass through.
  warning | note | never) args+=(--fail-on "$fail_on") ;;
  *)
    echo "::error title=compose-lint::invalid fail-on \"$fail_on\": use error, warning, note or never"
    record 2
    ;;
esac
if [ -n "${INPUT_MAX_WARNINGS:-}" ]; then
  # Said here as an annotation, in the inputs' own words (the CLI would refuse it too).
  if [ "$fail_on" = never ] && [ "$INPUT_MAX_WARNINGS" != -1 ]; then
    echo "::error title=compose-lint::max-warnings cannot fail a run with fail-on: never: drop one of them"
    record 2
  fi
  args+=(--max-warnings "$INPUT_MAX_WARNINGS")
fi
[ -n "${INPUT_PRESET:-}" ] && args+=(--preset "$INPUT_PRESET")
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")

paths=()
while IFS= read -r line; do
  # Trim surrounding blanks; a path may contain inner spaces.
  line="${line#"${line%%[![:space:]]*}"}"
  line="${line%"${line##*[![:space:]]}"}"
  [ -n "$line" ] && paths+=("$line")
done <<<"${INPUT_PATHS:-.}"
[ "${#paths[@]}" -gt 0 ] || paths=(.)

mkdir -p "$(dirname "$sarif")"

# One lint: annotations on the changed lines (stdout) and the SARIF for code scanning.
node "$cli" "${args[@]}" --format github --sarif-output "$sarif" -- "${paths[@]}"
code=$?

if [ -s "$sarif" ]; then
  read -r errors warnings notes < <(node "$action_dir/scripts/action/sarif-counts.mjs" "$sarif")
  summary="compose-lint: $errors error(s), $warnings warning(s), $notes note(s); fail-on: $fail_on; SARIF: $sarif"
  echo "$summary"
  [ -n "${GITHUB_STEP_SUMMARY:-}" ] && echo "$summary" >>"$GITHUB_STEP_SUMMARY"
fi
record "$code"
