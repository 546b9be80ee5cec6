#!/usr/bin/env bash
# The local base images of dpuplane's images, for machines that reach Debian's package archive but no image
# registry: a Debian bookworm root file system with openjdk-17-jre-headless (mmdebstrap, no Docker), written as
# a docker-save tarball that Jib reads as a base (Jib.from(TarImage)).
#
#   tools/images/base.sh [VARIANT] [--force]   build it unless cached (or again with --force); print its path
#
# VARIANT  jre      the JRE alone: base of the provider and the function (default)
#          jre-ovs  the JRE and Open vSwitch's ovs-vsctl/ovs-ofctl: base of the agent, whose DPU mode drives OVS
#
# Cached as $DPUPLANE_CACHE/images/debian-jre17.tar and debian-jre17-ovs.tar (default ~/.cache/dpuplane).
# Needs root (mmdebstrap's root mode runs the packages' maintainer scripts, which generate the JRE's cacerts)
# and apt.
set -euo pipefail

variant=jre
force=false
for arg in "$@"; do
  case "$arg" in
    --force) force=true ;;
    jre|jre-ovs) variant=$arg ;;
    *) echo "tools/images/base.sh: unknown argument '$arg' (expected jre, jre-ovs or --force)" >&2; exit 2 ;;
  esac
done

SUITE=bookworm
JAVA_HOME_IN_IMAGE=/usr/lib/jvm/java-17-openjdk-amd64
case "$variant" in
  jre) file=debian-jre17.tar; packages=openjdk-17-jre-headless ;;
  jre-ovs) file=debian-jre17-ovs.tar; packages=openjdk-17-jre-headless,openvswitch-switch ;;
esac
NAME=dpuplane/${file%.tar}:$SUITE

cache=${DPUPLANE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dpuplane}
out=$cache/images/$file

if [ -s "$out" ] && [ "$force" != true ]; then
  echo "$out"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "tools/images/base.sh: building the local base image needs root (mmdebstrap --mode=root); run it with sudo once" >&2
  exit 1
fi
if ! command -v mmdebstrap >/dev/null; then
  echo "[base] apt-get install mmdebstrap" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/dpuplane-base.XXXXXX")
trap 'rm -rf "$work"' EXIT
started=$SECONDS
echo "[base] mmdebstrap $SUITE + $packages (a minute or two)" >&2
# Man pages stay out, but update-alternatives needs man1 to exist; /dev is the container runtime's.
mmdebstrap --mode=root --variant=essential --include="$packages" \
  --aptopt='APT::Install-Recommends "false"' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
  --customize-hook='rm -rf "$1/var/cache/apt" "$1/var/lib/apt/lists" "$1/var/log"/*' \
  --skip=output/dev \
  "$SUITE" "$work/layer.tar" >"$work/mmdebstrap.log" 2>&1 || {
    tail -30 "$work/mmdebstrap.log" >&2
    echo "tools/images/base.sh: mmdebstrap failed (log above)" >&2
    exit 1
  }

diff_id=sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
cat >"$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=$JAVA_HOME_IN_IMAGE/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                  "JAVA_HOME=$JAVA_HOME_IN_IMAGE","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"tools/images/base.sh: mmdebstrap $SUITE $packages"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["%s"],"Layers":["layer.tar"]}]\n' "$NAME" >"$work/manifest.json"

mkdir -p "$(dirname "$out")"
tar -C "$work" -cf "$out.tmp" manifest.json config.json layer.tar
mv "$out.tmp" "$out"
echo "[base] $out ($(du -h "$out" | cut -f1), $((SECONDS - started))s)" >&2
echo "$out"
