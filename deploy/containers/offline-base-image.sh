#!/usr/bin/env bash
# Serves an ASP.NET Core base image from a registry on this machine, for builds where no container registry
# (mcr.microsoft.com included) can be reached.
#
# The image is assembled, not pulled: the C/C++ and OpenSSL libraries come from the distribution's own packages
# (apt-get download), the .NET and ASP.NET Core shared runtimes from the installed .NET SDK, and a non-root "app"
# user (uid 1654, as in Microsoft's images) is added. The distribution's registry (Debian package
# `docker-registry`) serves it on a loopback port; the SDK treats localhost registries as plain HTTP.
#
# Usage: offline-base-image.sh WORKDIR
#   Starts the registry in the background, pushes the image and prints two lines:
#     BASE_IMAGE=localhost:PORT/unsmes/aspnet-offline:<runtime version>
#     REGISTRY_PID=<pid>            (stop it with: kill <pid>)
set -euo pipefail

workdir="${1:?usage: offline-base-image.sh WORKDIR}"
mkdir -p "$workdir"
workdir="$(cd "$workdir" && pwd)"
command -v docker-registry >/dev/null || { echo "docker-registry is not installed (apt-get install docker-registry)" >&2; exit 3; }

dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
runtime_version="$(ls "$dotnet_root/shared/Microsoft.AspNetCore.App" | sort -V | tail -1)"
[ -n "$runtime_version" ] || { echo "no ASP.NET Core runtime under $dotnet_root" >&2; exit 3; }

rootfs="$workdir/rootfs"
rm -rf "$rootfs" "$workdir/debs"
mkdir -p "$rootfs" "$workdir/debs"

# Native dependencies of the .NET runtime (InvariantGlobalization is on, so no ICU).
(cd "$workdir/debs" && apt-get download -qq libc6 libgcc-s1 libstdc++6 libssl3 zlib1g tzdata 2>/dev/null)
for deb in "$workdir"/debs/*.deb; do dpkg-deb -x "$deb" "$rootfs"; done
rm -rf "$rootfs/usr/share/doc" "$rootfs/usr/share/man" "$rootfs/usr/share/lintian" "$rootfs/usr/share/locale"

# The shared runtimes, laid out as Microsoft's aspnet images do.
mkdir -p "$rootfs/usr/share/dotnet/shared" "$rootfs/usr/share/dotnet/host/fxr" "$rootfs/usr/bin"
cp -a "$dotnet_root/dotnet" "$dotnet_root/LICENSE.txt" "$rootfs/usr/share/dotnet/"
fxr_version="$(ls "$dotnet_root/host/fxr" | sort -V | tail -1)"
cp -a "$dotnet_root/host/fxr/$fxr_version" "$rootfs/usr/share/dotnet/host/fxr/"
for framework in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
  mkdir -p "$rootfs/usr/share/dotnet/shared/$framework"
  cp -a "$dotnet_root/shared/$framework/$runtime_version" "$rootfs/usr/share/dotnet/shared/$framework/"
done
ln -sf ../share/dotnet/dotnet "$rootfs/usr/bin/dotnet"
[ -f /etc/ssl/certs/ca-certificates.crt ] && install -D -m 0644 /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"

# A non-root user, and the directories a read-only root file system still needs.
mkdir -p "$rootfs/etc" "$rootfs/app" "$rootfs/tmp"
chmod 1777 "$rootfs/tmp"
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\napp:x:1654:1654:app:/home/app:/usr/sbin/nologin\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\napp:x:1654:\n' > "$rootfs/etc/group"
mkdir -p "$rootfs/home/app" && chown 1654:1654 "$rootfs/home/app"

# One reproducible layer.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$rootfs" -cf "$workdir/layer.tar" .
diff_id="sha256:$(sha256sum "$workdir/layer.tar" | cut -d' ' -f1)"
gzip -n -f "$workdir/layer.tar"
layer_digest="sha256:$(sha256sum "$workdir/layer.tar.gz" | cut -d' ' -f1)"
layer_size="$(stat -c %s "$workdir/layer.tar.gz")"

cat > "$workdir/config.json" <<JSON
{"architecture":"amd64","os":"linux","config":{"User":"1654","WorkingDir":"/app","Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","APP_UID=1654","ASPNETCORE_HTTP_PORTS=8080","DOTNET_RUNNING_IN_CONTAINER=true","DOTNET_VERSION=$runtime_version","ASPNET_VERSION=$runtime_version"]},"rootfs":{"type":"layers","diff_ids":["$diff_id"]},"history":[{"created_by":"offline-base-image.sh: distribution libraries and the .NET $runtime_version shared runtimes"}]}
JSON
config_digest="sha256:$(sha256sum "$workdir/config.json" | cut -d' ' -f1)"
config_size="$(stat -c %s "$workdir/config.json")"

cat > "$workdir/manifest.json" <<JSON
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"$config_digest","size":$config_size},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"$layer_digest","size":$layer_size}]}
JSON

# The registry, on a free loopback port.
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
cat > "$workdir/registry.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $workdir/registry-data
http:
  addr: 127.0.0.1:$port
YAML
docker-registry serve "$workdir/registry.yml" > "$workdir/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null || { echo "the registry did not start; see $workdir/registry.log" >&2; kill "$registry_pid"; exit 4; }

repository="unsmes/aspnet-offline"
push_blob() { # file digest
  local location
  location="$(curl -fsS -X POST -D - -o /dev/null "http://127.0.0.1:$port/v2/$repository/blobs/uploads/" | tr -d '\r' | awk 'tolower($1)=="location:" {print $2}')"
  case "$location" in http*) ;; *) location="http://127.0.0.1:$port$location" ;; esac
  case "$location" in *\?*) location="$location&digest=$2" ;; *) location="$location?digest=$2" ;; esac
  curl -fsS -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$1" "$location" >/dev/null
}
push_blob "$workdir/layer.tar.gz" "$layer_digest"
push_blob "$workdir/config.json" "$config_digest"
curl -fsS -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' --data-binary "@$workdir/manifest.json" \
  "http://127.0.0.1:$port/v2/$repository/manifests/$runtime_version" >/dev/null

echo "BASE_IMAGE=localhost:$port/$repository:$runtime_version"
echo "REGISTRY_PID=$registry_pid"
