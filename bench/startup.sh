#!/usr/bin/env bash
# Whole-process time of `./ec2 describe-regions` against the AWS CLI's `aws ec2 describe-regions`,
# both on the same running emulator, alternating, N runs each (default 15); prints medians and
# ratios. Usage: bench/startup.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-15}"
./ec2 --version >/dev/null   # builds and trains the class-data archive if needed

log="$(mktemp)"
./ec2 local --port 0 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q '^export ' "$log" && break; sleep 0.1; done
eval "$(grep '^export ' "$log")"
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER=""

declare -A tools=([ec2]="./ec2 describe-regions")
if [ -x /usr/bin/aws ]; then tools[aws-v2-debian]="/usr/bin/aws --endpoint-url $AWS_ENDPOINT_URL ec2 describe-regions"; fi
pyaws="$(command -v aws || true)"
if [ -n "$pyaws" ] && [ "$pyaws" != /usr/bin/aws ]; then tools[aws-v1-pyenv]="$pyaws ec2 describe-regions"; fi

declare -A times
for _ in $(seq "$n"); do
  for t in "${!tools[@]}"; do
    s=$(date +%s%N)
    ${tools[$t]} >/dev/null
    e=$(date +%s%N)
    times[$t]+="$(( (e - s) / 1000000 )) "
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ours=$(echo "${times[ec2]}" | median)
echo "| command | median of $n (ms) | ours / theirs |"
echo "|---|---|---|"
for t in ec2 aws-v1-pyenv aws-v2-debian; do
  [ -n "${tools[$t]:-}" ] || continue
  m=$(echo "${times[$t]}" | median)
  printf '| `%s` | %s | %s |\n' "${tools[$t]%% --endpoint-url*}" "$m" "$(awk -v a="$ours" -v b="$m" 'BEGIN {printf "%.2f", a/b}')"
done
echo
echo "($(java -version 2>&1 | head -1), $(nproc) cores, $(date -u +%F))"
