#!/usr/bin/env bash
# Whole-process time of `./ec2 describe-regions` against the AWS CLI's `aws ec2 describe-regions`,
# both on the same running emulator, alternating, N runs each (default 15); prints medians and
# ratios. Usage: bench/startup.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-15}"
./ec2 --version >/dev/null   # builds and trains the class-data archive if needed
jdk25="${EC2_BENCH_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
if [ -x "$jdk25" ]; then EC2_JAVA="$jdk25" ./ec2 --version >/dev/null; fi   # trains its AOT cache
hello="$(mktemp -d)"
printf 'class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' >"$hello/Hello.java"
javac -d "$hello" "$hello/Hello.java"

log="$(mktemp)"
./ec2 local --port 0 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$log" "$hello"' EXIT
for _ in $(seq 100); do grep -q '^export ' "$log" && break; sleep 0.1; done
eval "$(grep '^export ' "$log")"
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER=""

declare -A tools=([ec2]="./ec2 describe-regions" [ec2-version]="./ec2 --version" [java-hello]="java -Xshare:auto -cp $hello Hello")
if [ -x "$jdk25" ]; then tools[ec2-jdk25]="env EC2_JAVA=$jdk25 ./ec2 describe-regions"; fi
if [ -x /usr/bin/aws ]; then tools[aws-v2-debian]="/usr/bin/aws --endpoint-url $AWS_ENDPOINT_URL ec2 describe-regions"; fi
pyaws="$(command -v aws || true)"
if [ -n "$pyaws" ] && [ "$pyaws" != /usr/bin/aws ]; then tools[aws-v1-pyenv]="$pyaws ec2 describe-regions"; fi

# CPU (user + system) of the command and its children, from this shell's reaped-children totals
# in clock ticks (fields 16 and 17 of /proc/$$/stat, read by builtins between the two dates):
# on a machine others share, wall times stretch with the load; CPU time much less.
children() {
  local stat
  read -r stat </proc/$$/stat
  stat="${stat##*) }"
  set -- $stat
  ticks=$(( ${14} + ${15} ))
}
hz=$(getconf CLK_TCK)
declare -A times cpu
for _ in $(seq "$n"); do
  for t in "${!tools[@]}"; do
    s=$(date +%s%N)
    children
    c0=$ticks
    ${tools[$t]} >/dev/null
    children
    c1=$ticks
    e=$(date +%s%N)
    times[$t]+="$(( (e - s) / 1000000 )) "
    cpu[$t]=$(( ${cpu[$t]:-0} + c1 - c0 ))
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ours=$(echo "${times[ec2]}" | median)
ourcpu=${cpu[ec2]}
echo "| command | median of $n (ms) | ours / theirs | CPU, mean (ms) | ours / theirs |"
echo "|---|---|---|---|---|"
for t in ec2 ec2-jdk25 aws-v1-pyenv aws-v2-debian; do
  [ -n "${tools[$t]:-}" ] || continue
  m=$(echo "${times[$t]}" | median)
  printf '| `%s` | %s | %s | %s | %s |\n' "${tools[$t]%% --endpoint-url*}" "$m" \
    "$(awk -v a="$ours" -v b="$m" 'BEGIN {printf "%.2f", a/b}')" \
    "$(awk -v c="${cpu[$t]}" -v n="$n" -v hz="$hz" 'BEGIN {printf "%d", 1000 * c / n / hz}')" \
    "$(awk -v a="$ourcpu" -v b="${cpu[$t]}" 'BEGIN {printf "%.2f", (b > 0 ? a/b : 0)}')"
done
v=$(echo "${times[ec2-version]}" | median)
h=$(echo "${times[java-hello]}" | median)
echo
echo "\`./ec2 --version\` $v ms against a JVM that prints a line, $h ms: $(awk -v a="$v" -v b="$h" 'BEGIN {printf "%.1f", a/b}')x"
# Rows of bench/run's closing table: SUMMARY|figure|ours|peer|ratio|target|verdict
row() { awk -v f="$1" -v a="$2" -v p="$3" -v b="$4" -v t="$5" 'BEGIN {
  r = a / b; printf "SUMMARY|%s|%d ms|%s %d ms|%.2fx|<= %sx|%s\n", f, a, p, b, r, t, (r <= t ? "met" : "**not met**") }'; }
if [ -n "${tools[aws-v2-debian]:-}" ]; then
  v2=$(echo "${times[aws-v2-debian]}" | median)
  row "Start-up: \`./ec2 describe-regions\` (JDK 17, CDS)" "$ours" "AWS CLI v2" "$v2" 0.2
  if [ -n "${tools[ec2-jdk25]:-}" ]; then
    row "Start-up: \`./ec2 describe-regions\` (JDK 25, AOT cache)" "$(echo "${times[ec2-jdk25]}" | median)" "AWS CLI v2" "$v2" 0.2
  fi
fi
row "Start-up: \`./ec2 --version\`" "$v" "JVM hello world" "$h" 3

# The library's jar against the AWS SDK for Java v2's: its ec2 module and every SDK jar that module
# needs at run time, as Maven resolves them for bench/ (the SDK's version in pom.xml), less the
# HTTP client implementations and all third-party jars (which favours the peer: ours holds its own
# HTTP transports, signing, XML reader and credential chain). Both hold all 765 operations.
lib="$(ls ec2-client/target/ec2-client-*.jar | grep -vE -- '-(sources|javadoc)\.jar$' | head -1)"
cp="$(mktemp)"
if mvn -B -q -o -pl bench -am dependency:build-classpath -Dmdep.outputFile="$cp" \
    -DincludeGroupIds=software.amazon.awssdk >/dev/null 2>&1 && [ -s "$cp" ]; then
  peer=0
  jars=0
  for j in $(tr ':' ' ' <"$cp"); do
    case "$j" in */software/amazon/awssdk/*) ;; *) continue ;; esac
    case "$j" in */apache5-client-*|*/apache-client-*|*/netty-nio-client-*|*/url-connection-client-*) continue ;; esac
    peer=$((peer + $(stat -c %s "$j")))
    jars=$((jars + 1))
  done
  size=$(stat -c %s "$lib")
  echo
  echo "ec2-client's jar $((size / 1024)) KB against the AWS SDK for Java v2's ec2 module and core, $((peer / 1024)) KB ($jars jars)"
  awk -v a="$size" -v b="$peer" 'BEGIN { r = a / b
    printf "SUMMARY|Jar size: ec2-client (every operation, no dependencies)|%d KB|SDK v2 ec2 + core %d KB|%.3fx|<= 0.05x|%s\n", a / 1024, b / 1024, r, (r <= 0.05 ? "met" : "**not met**") }'
else
  echo "SUMMARY|Jar size: ec2-client|not measured: Maven could not list the SDK's jars|-|-|<= 0.05x|**not run**"
fi
rm -f "$cp"
echo "($(java -version 2>&1 | head -1), $(nproc) cores, $(date -u +%F))"
