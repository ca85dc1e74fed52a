#!/usr/bin/env bash
# Makes a fresh SoftHSM2 token for one test run and prints the shell lines that point the PKCS#11 tests
# at it. Use:   softhsm_env=$(adapters-crypto-pkcs11/src/test/softhsm-token.sh [DIR]); eval "$softhsm_env"
# (two steps on purpose: under set -e a failure inside eval "$(...)" goes unnoticed).
# DIR (default: a new mktemp -d) receives softhsm2.conf and tokens/. Only export lines go to stdout;
# anything else goes to stderr. Needs the Debian packages softhsm2 (and opensc for pkcs11-tool, which
# one test runs). SOFTHSM2_CONF must be exported before Maven starts: SoftHSM reads it in C_Initialize,
# inside the test JVM, which cannot set its own environment.
set -euo pipefail

label=signet-test
pin=1234
so_pin=5678

command -v softhsm2-util >/dev/null || { echo "softhsm-token.sh: softhsm2-util not found (apt-get install -y softhsm2 opensc)" >&2; exit 1; }

library=""
if command -v dpkg >/dev/null; then
  library=$(dpkg -L libsofthsm2 2>/dev/null | grep 'libsofthsm2\.so$' | head -n 1 || true)
fi
if [[ -z $library ]]; then
  for candidate in /usr/lib/softhsm/libsofthsm2.so /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so \
                   /usr/local/lib/softhsm/libsofthsm2.so /usr/lib64/pkcs11/libsofthsm2.so; do
    if [[ -f $candidate ]]; then library=$candidate; break; fi
  done
fi
[[ -n $library && -f $library ]] || { echo "softhsm-token.sh: libsofthsm2.so not found" >&2; exit 1; }

dir=${1:-$(mktemp -d "${TMPDIR:-/tmp}/signet-softhsm.XXXXXX")}
mkdir -p "$dir/tokens"
dir=$(cd "$dir" && pwd)
cat >"$dir/softhsm2.conf" <<CONF
directories.tokendir = $dir/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = false
CONF

export SOFTHSM2_CONF="$dir/softhsm2.conf"
softhsm2-util --init-token --free --label "$label" --pin "$pin" --so-pin "$so_pin" >&2

printf 'export SOFTHSM2_CONF=%q\n' "$SOFTHSM2_CONF"
printf 'export SIGNET_TEST_PKCS11_LIBRARY=%q\n' "$library"
printf 'export SIGNET_TEST_PKCS11_TOKEN=%q\n' "$label"
printf 'export SIGNET_TEST_PKCS11_PIN=%q\n' "$pin"
printf 'export SIGNET_TEST_PKCS11_DIR=%q\n' "$dir"
