#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build-fuzz/ and runs each for SECONDS (default 30),
# two at a time. Exits non-zero when any target finds a crash, leak, undefined behaviour, a
# contract violation or a hang; the input that did it is printed (build-fuzz/artifacts/).
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]      e.g. tests/fuzz/run.sh 600 mime mailgun
#
# Seeds: tests/fuzz/corpus/<target>/ (hand-written) and the channels' recorded payloads; what
# the fuzzer learns goes to build-fuzz/corpus/<target>/ and is reused by the next run.
# FUZZ_JOBS (default 2) sets how many targets run at once, FUZZ_CXX the clang++ to build with.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}
shift || true
jobs=${FUZZ_JOBS:-2}
all_targets=(generic sms whatsapp telegram twilio mailgun sendgrid mime form charset phone gsm7
  rules config)
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")

# Seed folders per target, besides tests/fuzz/corpus/<target>/.
seeds() {
  case "$1" in
    generic) ;;
    sms) echo channels/sms/testdata ;;
    whatsapp) echo channels/whatsapp/testdata ;;
    telegram) echo channels/telegram/testdata ;;
    twilio) echo channels/twilio/testdata ;;
    mailgun) echo channels/mailgun/testdata ;;
    sendgrid) echo channels/sendgrid/testdata ;;
    mime) echo channels/email/testdata ;;
    form) echo channels/sms/testdata channels/twilio/testdata channels/mailgun/testdata \
      channels/sendgrid/testdata ;;
    charset) echo channels/email/testdata ;;
    phone) ;;
    gsm7) ;;
    rules) echo config/classifier/rules ;;
    config) echo config ;;
    *) echo "unknown fuzz target: $1" >&2; return 1 ;;
  esac
}

CXX=${FUZZ_CXX:-clang++}  # not $CXX: a g++ there cannot build libFuzzer targets
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DADUAN_FUZZ=ON -DADUAN_BUILD_TESTS=OFF -DADUAN_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target aduan_fuzzers

export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:suppressions=$PWD/tests/fuzz/ubsan.supp

run_one() {
  local t=$1 log=build-fuzz/logs/$1.log
  local dirs=()
  mkdir -p "build-fuzz/corpus/$t" "build-fuzz/artifacts/$t"
  [[ -d tests/fuzz/corpus/$t ]] && dirs+=("tests/fuzz/corpus/$t")
  for d in $(seeds "$t"); do dirs+=("$d"); done
  # -timeout: one input running 10 s is a hang, which the gateway must never have.
  if "build-fuzz/${t}_fuzz" "build-fuzz/corpus/$t" "${dirs[@]}" -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="build-fuzz/artifacts/$t/" >"$log" 2>&1; then
    echo "fuzz $t: ok, $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" |
      grep -o '[0-9]*$') runs in ${seconds}s"
  else
    echo "fuzz $t: FAILED (log: $log)"
    grep -E 'ERROR|SUMMARY|contract violation|runtime error' "$log" | head -5 || true
    grep -E 'Test unit written to' "$log" | sed 's/^/  /' || true
    return 1
  fi
}

mkdir -p build-fuzz/logs
failed=0 running=0
for t in "${targets[@]}"; do
  seeds "$t" >/dev/null
  run_one "$t" &
  if ((++running >= jobs)); then
    wait -n || failed=1
    ((running--))
  fi
done
while ((running > 0)); do
  wait -n || failed=1
  ((running--))
done
exit "$failed"
