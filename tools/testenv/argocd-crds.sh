#!/usr/bin/env bash
# Fetches the ArgoCD CRDs (Application, AppProject, ApplicationSet) the DPUService ArgoCD-backend tests
# install into their API server, from the ArgoCD Go module through the Go module proxy (its
# manifests/crds/ directory), into $DPUPLANE_CACHE/argocd-<version>/crds/. Idempotent.
#
# Usage: tools/testenv/argocd-crds.sh     Prints, last, the directory holding the CRDs.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.env
source "$here/versions.env"
# 3.6 needs Go 1.27; 3.5 is the newest line our pinned Go toolchain fetches.
version=${ARGOCD_VERSION:-3.5.7}
cache=${DPUPLANE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dpuplane}

exec "$here/module-files.sh" "github.com/argoproj/argo-cd/v3@v$version" manifests/crds "$cache/argocd-$version/crds" \
  application-crd.yaml appproject-crd.yaml applicationset-crd.yaml
