#!/usr/bin/env bash
# Builds the service images as OCI tarballs with the .NET SDK (dotnet publish -t:PublishContainer); no Docker
# daemon needed. Names, tag and base image come from deploy/containers/images.props.
#
# Usage: deploy/build-images.sh [--offline-base] [--output DIR] [PROJECT...]
#   PROJECT        service project names (UnsMes.Broker ...); default: every service project that exists
#   --output DIR   where the tarballs go (default: artifacts/images); load one with `docker load -i` or
#                  `podman load -i`, or push it with `skopeo copy oci-archive:FILE docker://REGISTRY/NAME:TAG`
#   --offline-base build on a base image assembled on this machine and served from a loopback registry
#                  (deploy/containers/offline-base-image.sh), for machines that cannot reach mcr.microsoft.com
# Environment: CONTAINER_BASE_IMAGE overrides the base image (e.g. a mirror of the chiseled image).
set -euo pipefail
cd "$(dirname "$0")/.."

output="artifacts/images"
offline=false
projects=()
while [ $# -gt 0 ]; do
  case "$1" in
    --offline-base) offline=true ;;
    --output) output="$2"; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) projects+=("$1") ;;
  esac
  shift
done

if [ ${#projects[@]} -eq 0 ]; then
  # Every project named in the image list that exists in this checkout.
  while read -r name; do
    [ -f "services/$name/$name.csproj" ] && projects+=("$name")
  done < <(grep -o "MSBuildProjectName)' == '[A-Za-z.]*'" deploy/containers/images.props | sed "s/.*== '\(.*\)'/\1/")
fi

base_args=()
registry_pid=""
workdir=""
cleanup() {
  [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null
  [ -n "$workdir" ] && rm -rf "$workdir"
  true
}
trap cleanup EXIT
if [ "$offline" = true ]; then
  workdir="$(mktemp -d)"
  served="$(deploy/containers/offline-base-image.sh "$workdir/base")"
  registry_pid="$(sed -n 's/^REGISTRY_PID=//p' <<<"$served")"
  base_args=("-p:ContainerBaseImage=$(sed -n 's/^BASE_IMAGE=//p' <<<"$served")")
elif [ -n "${CONTAINER_BASE_IMAGE:-}" ]; then
  base_args=("-p:ContainerBaseImage=$CONTAINER_BASE_IMAGE")
fi

mkdir -p "$output"
output="$(cd "$output" && pwd)"
for project in "${projects[@]}"; do
  echo "== $project"
  dotnet publish "services/$project/$project.csproj" -c Release --os linux --arch x64 \
    -t:PublishContainer -p:ContainerArchiveOutputPath="$output/$project.tar.gz" "${base_args[@]}" -nologo -v:m
done
ls -l "$output"
