#!/usr/bin/env bash
# Copies files out of a Go module fetched through the Go module proxy (so no site other than the proxy is
# needed), into a cache directory; the ArgoCD and cert-manager CRD fetchers use it. Idempotent: nothing is
# fetched when every file is already there.
#
# Usage: tools/testenv/module-files.sh MODULE@VERSION SUBDIR OUT FILE...
#   copies MODULE's SUBDIR/FILE... into OUT (created whole, or not at all) and prints OUT last.
set -euo pipefail

module=$1 subdir=$2 out=$3
shift 3
say() { printf '[testenv] %s\n' "$*" >&2; }

complete=true
for f in "$@"; do [ -s "$out/$f" ] || complete=false; done
if $complete; then
  echo "$out"
  exit 0
fi
command -v go >/dev/null || { say "FAILED: no Go toolchain on PATH (needed to fetch $module)"; exit 1; }

say "fetching $subdir of $module from the Go module proxy ..."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A throwaway module, so go mod download does not touch any go.mod of ours.
(cd "$tmp" && go mod init module-files >/dev/null 2>&1 && \
  GOFLAGS=-mod=mod go mod download -json "$module" >"$tmp/module.json") || {
  say "FAILED: go mod download $module"; exit 1; }
dir=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' "$tmp/module.json")
[ -d "$dir/$subdir" ] || { say "FAILED: no $subdir in $dir"; exit 1; }
mkdir -p "$out.partial"
for f in "$@"; do cp "$dir/$subdir/$f" "$out.partial/"; done
chmod u+w "$out.partial"/*
rm -rf "$out" && mv "$out.partial" "$out"
say "$module $subdir in $out"
echo "$out"
