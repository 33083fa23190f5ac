#!/usr/bin/env bash
# Proves the pre-commit hook with the real pre-commit: a throw-away repository whose
# .pre-commit-config.yaml points at this checkout's committed HEAD must fail on an
# insecure compose file (with compose-lint's findings) and pass once it is fixed.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fail() { echo "FAIL pre-commit-check: $*"; exit 1; }

if ! command -v pre-commit >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "pre-commit-check: installing pre-commit from the Debian packages"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pre-commit >/dev/null
fi

# pre-commit clones the repository at a commit: the hook works on committed state only.
rev=$(git -C "$repo" rev-parse HEAD)
for path in .pre-commit-hooks.yaml package.json; do
  git -C "$repo" cat-file -e "$rev:$path" 2>/dev/null || fail "$path is not committed at HEAD ($rev)"
done
if [ -n "$(git -C "$repo" status --porcelain -- .pre-commit-hooks.yaml package.json src rules scripts)" ]; then
  echo "pre-commit-check: note: uncommitted changes are not part of the check (it uses HEAD $rev)"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/compose-lint-pre-commit.XXXXXX")
trap 'rm -rf "$work"' EXIT
# A private cache: no state from earlier runs or from the user's own hooks.
export PRE_COMMIT_HOME="$work/cache"
# The registry's tarballs are usually in npm's cache already (npm ci ran here).
export npm_config_prefer_offline=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

project="$work/project"
mkdir -p "$project/deploy" "$project/config"
cd "$project"
git init -q
git config user.email "pre-commit-check@example.invalid"
git config user.name "pre-commit-check"
git config commit.gpgsign false

cp "$repo/examples/insecure/compose.yaml" deploy/docker-compose.yml
cp "$repo/examples/secure/compose.yaml" compose.yaml
# Insecure compose content under a name that is not a compose file name: the hook must not see it.
cp "$repo/examples/insecure/compose.yaml" config/values.yaml
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: compose-lint
YAML
git add -A

out="$work/run1.log"
set +e
pre-commit run --all-files --show-diff-on-failure >"$out" 2>&1
status=$?
set -e
cat "$out"
[ "$status" -ne 0 ] || fail "pre-commit passed although deploy/docker-compose.yml is insecure"
grep -q 'no-public-datastore-port' "$out" || fail "the failing run does not show compose-lint's findings (no-public-datastore-port)"
grep -q 'deploy/docker-compose.yml' "$out" || fail "the findings do not name deploy/docker-compose.yml"
if grep -q 'config/values.yaml' "$out"; then fail "the hook linted config/values.yaml, which is not a compose file name"; fi

# The fix: the secure design in place of the insecure one.
cp "$repo/examples/secure/compose.yaml" deploy/docker-compose.yml
git add -A
out="$work/run2.log"
set +e
pre-commit run --all-files >"$out" 2>&1
status=$?
set -e
cat "$out"
[ "$status" -eq 0 ] || fail "pre-commit still fails after deploy/docker-compose.yml was fixed"
grep -q 'compose-lint' "$out" || fail "the compose-lint hook did not run on the fixed files"

echo "PASS pre-commit-check: the compose-lint hook fails on insecure compose files and passes once they are fixed (rev $rev)"
