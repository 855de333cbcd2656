#!/usr/bin/env bash
# Runs S3Proxy 4.1 (filesystem backend), the reference peer of issue 13, for `cairn bench s3` to measure beside Cairn:
#   bench/s3proxy.sh [PORT] [DIR]     PORT default 9100; DIR (its storage) default a new temp dir, removed on exit
#   ./cairn bench s3 --endpoint http://localhost:9100 --sizes 4KiB,1MiB --duration 10s
# It takes SigV2 and SigV4 signed with the identity and credential cairnadmin/cairnadmin (the bench's default keys;
# env S3PROXY_IDENTITY and S3PROXY_CREDENTIAL to change them). It runs in the foreground; stop it with Ctrl-C.
# S3Proxy keeps one copy and does not fsync: it is the peer of the issue's aims, not an equal in durability.
set -euo pipefail

PORT="${1:-9100}"
VERSION=4.1.0
JAR="${HOME}/.m2/repository/org/gaul/s3proxy/${VERSION}/s3proxy-${VERSION}-jar-with-dependencies.jar"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [[ ! -f "$JAR" ]]; then
  maven() { if command -v mvn >/dev/null 2>&1; then mvn "$@"; else "$ROOT/mvnw" "$@"; fi; }
  maven -B -ntp -q dependency:get "-Dartifact=org.gaul:s3proxy:${VERSION}:jar:jar-with-dependencies" \
    -Dtransitive=false
fi

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [[ -n "${2:-}" ]]; then
  DIR="$2"
  mkdir -p "$DIR"
else
  DIR="$(mktemp -d "${TMPDIR:-/tmp}/s3proxy.XXXXXX")"
  trap 'rm -rf "$DIR"' EXIT
fi
mkdir -p "$DIR/blobs"
cat > "$DIR/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:${PORT}
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=${S3PROXY_IDENTITY:-cairnadmin}
s3proxy.credential=${S3PROXY_CREDENTIAL:-cairnadmin}
jclouds.provider=filesystem
jclouds.filesystem.basedir=${DIR}/blobs
CONF

echo "s3proxy: http://127.0.0.1:${PORT}, storage under ${DIR}/blobs" >&2
"$JAVA" -jar "$JAR" --properties "$DIR/s3proxy.conf"
