#!/usr/bin/env bash
# Fetches the cert-manager CRDs (Certificate, Issuer, ClusterIssuer, CertificateRequest) the agent-certificate
# tests install into their API server, from the cert-manager Go module through the Go module proxy (its
# deploy/crds/ directory), into $DPUPLANE_CACHE/cert-manager-<version>/crds/. Idempotent.
#
# Usage: tools/testenv/cert-manager-crds.sh     Prints, last, the directory holding the CRDs.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.env
source "$here/versions.env"
version=${CERT_MANAGER_VERSION:?versions.env names CERT_MANAGER_VERSION}
cache=${DPUPLANE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dpuplane}

exec "$here/module-files.sh" "github.com/cert-manager/cert-manager@v$version" deploy/crds \
  "$cache/cert-manager-$version/crds" cert-manager.io_certificates.yaml cert-manager.io_issuers.yaml \
  cert-manager.io_clusterissuers.yaml cert-manager.io_certificaterequests.yaml
