#!/usr/bin/env bash
# Checks that the store packages can be rebuilt, byte for byte, from the sources zip alone, as AMO's
# source review does: makes the packages and the sources zip from this tree, unpacks the sources zip
# into two fresh directories (different paths, so that a path leaking into the output shows), runs
# `npm ci` and `npm run zip` in each, and compares every file of both extensions (Chrome and Firefox)
# across the three builds. Zip archives themselves carry the time they were made, so the files in
# them are compared, and the lists of entries. Needs the npm registry (or a warm npm cache).
# Exit code 0: identical; 1: a difference (listed).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d "${TMPDIR:-/tmp}/onlooker-reproducible-XXXXXX")
trap 'rm -rf "$work"' EXIT

name=$(node -p "require('./package.json').name")
version=$(node -p "require('./package.json').version")
echo "reproducible: packaging $name $version from this tree"
npm run --silent zip >"$work/zip.log" 2>&1 || { cat "$work/zip.log"; exit 1; }
sources="$root/.output/$name-$version-sources.zip"

# Unpacks a package zip into $2, so that two packages compare file by file.
unpack() { mkdir -p "$2" && (cd "$2" && unzip -q "$1"); }
for b in chrome firefox; do unpack "$root/.output/$name-$version-$b.zip" "$work/tree/$b"; done

for run in a b; do
  dir="$work/$run/onlooker"
  mkdir -p "$dir"
  (cd "$dir" && unzip -q "$sources")
  echo "reproducible: build $run in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund && npm run zip) >"$work/$run.log" 2>&1 || { tail -40 "$work/$run.log"; exit 1; }
  for b in chrome firefox; do unpack "$dir/.output/$name-$version-$b.zip" "$work/$run/$b"; done
done

status=0
for b in chrome firefox; do
  for run in a b; do
    if diff -r "$work/tree/$b" "$work/$run/$b" >"$work/diff.txt"; then :; else
      echo "reproducible: $b package of build $run differs from this tree's:"
      cat "$work/diff.txt"
      status=1
    fi
  done
  files=$(find "$work/tree/$b" -type f | wc -l)
  sum=$(cd "$work/tree/$b" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
  echo "reproducible: $b: $files files, digest of all files $sum"
done

if ((status == 0)); then
  echo "reproducible: OK, the Chrome and Firefox packages built twice from $(basename "$sources") ($(du -k "$sources" | cut -f1) KB) are identical to this tree's, file for file"
fi
exit $status
