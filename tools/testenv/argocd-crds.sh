#!/usr/bin/env bash
# Fetches the ArgoCD CRDs (Application, AppProject, ApplicationSet) the DPUService ArgoCD-backend tests
# install into their API server, from the ArgoCD Go module through the Go module proxy (its
# manifests/crds/ directory), into $DPUPLANE_CACHE/argocd-<version>/crds/. Idempotent: nothing is fetched
# when that directory is already complete.
#
# Usage: tools/testenv/argocd-crds.sh     Prints, last, the directory holding the CRDs.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.env
source "$here/versions.env"
# 3.6 needs Go 1.27; 3.5 is the newest line our pinned Go toolchain fetches.
version=${ARGOCD_VERSION:-3.5.7}

cache=${DPUPLANE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dpuplane}
out="$cache/argocd-$version/crds"
say() { printf '[testenv] %s\n' "$*" >&2; }

if [ -s "$out/application-crd.yaml" ] && [ -s "$out/appproject-crd.yaml" ]; then
  echo "$out"
  exit 0
fi
command -v go >/dev/null || { say "FAILED: no Go toolchain on PATH (needed to fetch the ArgoCD CRDs)"; exit 1; }

say "fetching the ArgoCD $version CRDs from the Go module proxy ..."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A throwaway module, so go mod download does not touch any go.mod of ours.
(cd "$tmp" && go mod init argocd-crds >/dev/null 2>&1 && \
  GOFLAGS=-mod=mod go mod download -json "github.com/argoproj/argo-cd/v3@v$version" >"$tmp/module.json") || {
  say "FAILED: go mod download github.com/argoproj/argo-cd/v3@v$version"; exit 1; }
dir=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' "$tmp/module.json")
[ -d "$dir/manifests/crds" ] || { say "FAILED: no manifests/crds in $dir"; exit 1; }
mkdir -p "$out.partial"
cp "$dir"/manifests/crds/*-crd.yaml "$out.partial/"
chmod u+w "$out.partial"/*
rm -rf "$out" && mv "$out.partial" "$out"
say "ArgoCD CRDs in $out"
echo "$out"
