#!/bin/sh
# Trunk's post_build hook (Trunk.toml): gives the service worker this build's file list.
# It prepends `const LECTERN_BUILD = { version, files }` to the staged sw.js, where `files`
# is every file of the build but sw.js itself (the hashed wasm, JS and CSS, index.html,
# icons, the web app manifest) and `version` a hash of all of them. A new build therefore
# changes sw.js, which is how browsers learn that a new version is there.
set -eu
staging="${TRUNK_STAGING_DIR:?this script is run by trunk build}"
cd "$staging"
if [ ! -f sw.js ]; then
  echo "precache.sh: no sw.js in $staging (index.html must copy public/sw.js)" >&2
  exit 1
fi
files=$(find . -type f ! -name sw.js | sed 's|^\./|/|' | LC_ALL=C sort)
if printf '%s\n' "$files" | grep -q '["\\]'; then
  echo "precache.sh: a built file name holds a quote or a backslash" >&2
  exit 1
fi
version=$(find . -type f ! -name sw.js -print0 | LC_ALL=C sort -z | xargs -0 sha256sum \
  | sha256sum | cut -c1-16)
{
  echo "// Written at build time by xtask/hooks/precache.sh: this build's files."
  echo "const LECTERN_BUILD = {"
  echo "  version: \"$version\","
  echo "  files: ["
  printf '%s\n' "$files" | sed 's|.*|    "&",|'
  echo "  ],"
  echo "};"
  cat sw.js
} > sw.js.next
mv sw.js.next sw.js
