#!/usr/bin/env bash
# Builds the real control-plane binaries the tests and the sandbox run, from published Go modules:
# kube-apiserver, kube-controller-manager, kube-scheduler, kubectl and etcd (wrapper module k8s/),
# the Crossplane CLI and Crossplane core with its CRDs (wrapper module crossplane/), and crane, the
# loopback OCI registry the package tests push to (wrapper module crane/). Each binary is stamped with
# its version, cached outside the repo under $DPUPLANE_CACHE keyed by version, and rebuilt only when missing.
#
# Usage: tools/testenv/build.sh [k8s|crossplane|crane|argocd|cert-manager|all]   (default: all)
# Prints, last, the directory fabric8 kube-api-test reads (KUBE_API_TEST_DIR).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.env
source "$here/versions.env"

cache=${DPUPLANE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dpuplane}
bin_root="$cache/bin"
kube_api_test_dir="$cache/kubeapitest"
k8s_out="$bin_root/kubernetes-$K8S_VERSION"
etcd_out="$bin_root/etcd-$ETCD_VERSION"
xp_out="$bin_root/crossplane-$CROSSPLANE_VERSION"
crane_out="$bin_root/crane-$CRANE_VERSION"
log_dir="$cache/logs"
mkdir -p "$bin_root" "$log_dir"

export CGO_ENABLED=0 GOFLAGS="-trimpath -buildvcs=false -mod=mod"
export GOTOOLCHAIN=${GOTOOLCHAIN:-local}

say() { printf '[testenv] %s\n' "$*" >&2; }

# Runs one named build step; on failure says which step failed and shows the tail of its log.
step() {
  local name=$1; shift
  local log="$log_dir/$name.log"
  say "building $name ..."
  local started=$SECONDS
  if ! "$@" >"$log" 2>&1; then
    say "FAILED step '$name' (command: $*). Last lines of $log:"
    tail -n 30 "$log" >&2
    exit 1
  fi
  say "built $name in $((SECONDS - started))s"
}

require_go() {
  command -v go >/dev/null || { say "FAILED: no Go toolchain on PATH (needed to build the control plane)"; exit 1; }
}

k8s_ldflags() {
  local minor pkg=k8s.io/component-base/version cgo=k8s.io/client-go/pkg/version
  minor=$(echo "$K8S_VERSION" | cut -d. -f2)
  echo "-s -w -X $pkg.gitVersion=v$K8S_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor" \
       "-X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z" \
       "-X $cgo.gitVersion=v$K8S_VERSION -X $cgo.gitMajor=1 -X $cgo.gitMinor=$minor"
}

build_k8s() {
  local tmp
  for cmd in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
    [ -x "$k8s_out/$cmd" ] && continue
    tmp="$k8s_out.tmp"; mkdir -p "$tmp"
    (cd "$here/k8s" && step "$cmd-$K8S_VERSION" go build -ldflags "$(k8s_ldflags)" -o "$tmp/$cmd" "k8s.io/kubernetes/cmd/$cmd")
    mkdir -p "$k8s_out" && mv "$tmp/$cmd" "$k8s_out/$cmd" && rmdir "$tmp" 2>/dev/null || true
  done
  if [ ! -x "$etcd_out/etcd" ]; then
    mkdir -p "$etcd_out.tmp"
    (cd "$here/k8s" && step "etcd-$ETCD_VERSION" go build \
      -ldflags "-s -w -X go.etcd.io/etcd/api/v3/version.GitSHA=v$ETCD_VERSION" -o "$etcd_out.tmp/etcd" go.etcd.io/etcd/server/v3)
    mkdir -p "$etcd_out" && mv "$etcd_out.tmp/etcd" "$etcd_out/etcd" && rmdir "$etcd_out.tmp"
  fi
  # kube-api-test (offline) looks for exactly <dir>/k8s/<version>-linux-amd64/{etcd,kube-apiserver,kubectl}.
  local layout="$kube_api_test_dir/k8s/$K8S_VERSION-linux-amd64"
  mkdir -p "$layout"
  ln -sfn "$k8s_out/kube-apiserver" "$layout/kube-apiserver"
  ln -sfn "$k8s_out/kubectl" "$layout/kubectl"
  ln -sfn "$etcd_out/etcd" "$layout/etcd"
}

build_crossplane() {
  if [ ! -x "$xp_out/crossplane" ]; then
    mkdir -p "$xp_out.tmp"
    (cd "$here/crossplane" && step "crossplane-cli-$CROSSPLANE_VERSION" go build \
      -ldflags "-s -w -X=github.com/crossplane/crossplane/v2/internal/version.version=v$CROSSPLANE_VERSION" \
      -o "$xp_out.tmp/crossplane" github.com/crossplane/crossplane/v2/cmd/crank)
    mkdir -p "$xp_out" && mv "$xp_out.tmp/crossplane" "$xp_out/crossplane" && rmdir "$xp_out.tmp"
  fi
  if [ ! -x "$xp_out/crossplane-core" ]; then
    mkdir -p "$xp_out.tmp"
    (cd "$here/crossplane" && step "crossplane-core-$CROSSPLANE_VERSION" go build \
      -ldflags "-s -w -X=github.com/crossplane/crossplane/v2/internal/version.version=v$CROSSPLANE_VERSION" \
      -o "$xp_out.tmp/crossplane-core" github.com/crossplane/crossplane/v2/cmd/crossplane)
    mkdir -p "$xp_out" && mv "$xp_out.tmp/crossplane-core" "$xp_out/crossplane-core" && rmdir "$xp_out.tmp"
  fi
  seed_validate_cache
  copy_core_crds
}

# `crossplane core init` installs Crossplane's own CRDs from a directory (CRDS_PATH); keep the ones of the
# pinned module next to the core binary so tests need no Go module cache.
copy_core_crds() {
  [ -s "$xp_out/crds/pkg.crossplane.io_functions.yaml" ] && return 0
  local module_dir
  module_dir=$(cd "$here/crossplane" && go list -m -f '{{.Dir}}' github.com/crossplane/crossplane/v2)
  [ -d "$module_dir/cluster/crds" ] || { say "FAILED step 'copy core CRDs': no CRDs in $module_dir/cluster/crds"; exit 1; }
  rm -rf "$xp_out/crds.tmp" && mkdir -p "$xp_out/crds.tmp"
  cp "$module_dir"/cluster/crds/*.yaml "$xp_out/crds.tmp/" && chmod 0644 "$xp_out/crds.tmp"/*.yaml
  rm -rf "$xp_out/crds" && mv "$xp_out/crds.tmp" "$xp_out/crds"
}

build_crane() {
  [ -x "$crane_out/crane" ] && return 0
  mkdir -p "$crane_out.tmp"
  (cd "$here/crane" && step "crane-$CRANE_VERSION" go build \
    -ldflags "-s -w -X=github.com/google/go-containerregistry/cmd/crane/cmd.Version=v$CRANE_VERSION" \
    -o "$crane_out.tmp/crane" github.com/google/go-containerregistry/cmd/crane)
  mkdir -p "$crane_out" && mv "$crane_out.tmp/crane" "$crane_out/crane" && rmdir "$crane_out.tmp"
}

# `crossplane beta validate` checks Crossplane's own kinds (Composition, XRD, ...) against the core package's
# CRDs, which it would download from a registry. Seed its cache with the same CRDs from the Go module instead,
# so validation runs offline: pass --cache-dir "$xp_out/validate-cache".
seed_validate_cache() {
  local target="$xp_out/validate-cache/xpkg.crossplane.io/crossplane/crossplane@v$CROSSPLANE_VERSION"
  [ -s "$target/package.yaml" ] && return 0
  local module_dir
  module_dir=$(cd "$here/crossplane" && go list -m -f '{{.Dir}}' github.com/crossplane/crossplane/v2)
  [ -d "$module_dir/cluster/crds" ] || { say "FAILED step 'seed validate cache': no CRDs in $module_dir/cluster/crds"; exit 1; }
  mkdir -p "$target.tmp"
  for crd in "$module_dir"/cluster/crds/*.yaml; do cat "$crd"; printf -- '---\n'; done > "$target.tmp/package.yaml"
  rm -rf "$target" && mv "$target.tmp" "$target"
}

what=${1:-all}
case "$what" in
  k8s|crossplane|crane|argocd|cert-manager|all) ;;
  *) say "usage: $0 [k8s|crossplane|crane|argocd|cert-manager|all]"; exit 2 ;;
esac
need_build=false
case "$what" in k8s|all) for f in "$k8s_out"/{kube-apiserver,kube-controller-manager,kube-scheduler,kubectl} "$etcd_out/etcd"; do [ -x "$f" ] || need_build=true; done ;; esac
case "$what" in crossplane|all) for f in "$xp_out"/{crossplane,crossplane-core} "$xp_out/crds/pkg.crossplane.io_functions.yaml" \
    "$xp_out/validate-cache/xpkg.crossplane.io/crossplane/crossplane@v$CROSSPLANE_VERSION/package.yaml"; do [ -e "$f" ] || need_build=true; done ;; esac
case "$what" in crane|all) [ -x "$crane_out/crane" ] || need_build=true ;; esac
$need_build && require_go
case "$what" in k8s|all) build_k8s ;; esac
case "$what" in crossplane|all) build_crossplane ;; esac
case "$what" in crane|all) build_crane ;; esac
# The ArgoCD CRDs, for the DPUService ArgoCD backend's tests (a Go module download, no build).
case "$what" in argocd|all) ARGOCD_VERSION=$ARGOCD_VERSION "$here/argocd-crds.sh" >&2 ;; esac
case "$what" in cert-manager|all) "$here/cert-manager-crds.sh" >&2 ;; esac
echo "$kube_api_test_dir"
