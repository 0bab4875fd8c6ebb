# Developer shortcuts. The README's two commands need nothing but cargo.

default:
    @just --list

build:
    cargo build --release

run *ARGS:
    cargo run --release -- {{ARGS}}

test:
    cargo test --workspace

lint:
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets -- -D warnings

fmt:
    cargo fmt --all

# Side-by-side load bench against a reference server (see bench/README.md).
bench *ARGS:
    cargo build --release
    python3 bench/loadbench.py --candidate "target/release/shoal-server" {{ARGS}}

# Criterion micro-benchmarks.
microbench:
    cargo bench --workspace

# Short fuzz run of the RESP parser (see crates/resp/fuzz/README.md).
fuzz SECONDS="60":
    bash crates/resp/fuzz/smoke.sh {{SECONDS}}

# Offline validation of the Kubernetes manifests (deploy/kubernetes); --install fetches the validators.
k8s-check *ARGS:
    bash deploy/kubernetes/check.sh {{ARGS}}

ci:
    bash .ci/run
