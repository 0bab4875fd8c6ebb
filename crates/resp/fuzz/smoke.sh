#!/usr/bin/env bash
# Short fuzz smoke run of the RESP parsers, for CI and `just fuzz`.
# Usage: smoke.sh [seconds-per-target]   (default 30)
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-30}"
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install --locked cargo-fuzz
fi
# cargo-fuzz passes -Z flags; the stable toolchain accepts them with RUSTC_BOOTSTRAP.
export RUSTC_BOOTSTRAP=1
for target in request_parser reply_value; do
    echo "fuzz: $target for ${secs}s"
    cargo fuzz run -s none "$target" -- -max_total_time="$secs" -max_len=140000
done
