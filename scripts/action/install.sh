#!/usr/bin/env bash
# The GitHub Action's install step (action.yml): what the lint needs, not the development tools.
# The action runs the bundled CLI (dist/compose-lint.cjs), which the repository does not commit:
# it is built here from the sources by esbuild alone (scripts/build.mjs --cli). npm installs the
# runtime dependencies and esbuild at the versions package-lock.json records, and none of the other
# devDependencies (TypeScript, vitest, @microsoft/sarif-multitool: about 180 MB of the 200).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# npm cannot install one devDependency alone (--omit=dev drops it even when named), so it is given
# a manifest whose only devDependency is esbuild; --no-save leaves package-lock.json as it is.
cp package.json package.json.full
trap 'mv -f package.json.full package.json' EXIT
node scripts/action/runtime-manifest.mjs package.json.full >package.json
npm install --no-save --ignore-scripts --no-audit --no-fund
node scripts/build.mjs --cli
