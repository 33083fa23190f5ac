#!/usr/bin/env bash
# The picture checked by the real tools: system Graphviz lays out every DOT file
# without warnings, and headless Chromium opens every HTML page without console
# messages (the pages have no scripts, so any message is a blocked fetch or an error).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v dot >/dev/null || need+=(graphviz)
command -v chromium >/dev/null || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

[ -f dist/src/picture/index.js ] || node scripts/build.mjs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node scripts/pictures.mjs --all "$work/out"

status=0
for file in "$work"/out/*.dot; do
  name=$(basename "$file" .dot)
  if ! dot -Tsvg "$file" -o "$work/$name.svg" 2>"$work/$name.dot.err" || [ -s "$work/$name.dot.err" ]; then
    echo "FAIL dot -Tsvg $name.dot:"; cat "$work/$name.dot.err"; status=1
  else
    echo "ok   dot -Tsvg $name.dot"
  fi
done

for file in "$work"/out/*.html; do
  name=$(basename "$file" .html)
  profile=$(mktemp -d)
  if ! timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$profile" --enable-logging=stderr --v=0 --window-size=1600,1000 \
      --screenshot="$work/$name.png" "file://$file" 2>"$work/$name.chromium.err" >/dev/null; then
    echo "FAIL chromium $name.html:"; tail -20 "$work/$name.chromium.err"; status=1
  elif grep -q ':CONSOLE' "$work/$name.chromium.err"; then
    echo "FAIL chromium $name.html: console messages"; grep ':CONSOLE' "$work/$name.chromium.err"; status=1
  elif [ "$(stat -c %s "$work/$name.png" 2>/dev/null || echo 0)" -lt 10000 ]; then
    echo "FAIL chromium $name.html: no screenshot (or a blank one)"; status=1
  else
    echo "ok   chromium $name.html ($(stat -c %s "$work/$name.png") byte screenshot, no console messages)"
  fi
  rm -rf "$profile"
done
exit $status
