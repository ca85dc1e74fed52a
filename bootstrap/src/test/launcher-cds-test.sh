#!/usr/bin/env bash
# The launcher's class-data sharing archive (./signet, "Class-data sharing"; on Java 25 or later its AOT
# cache): made on the first run, used by the next ones, holding the classes of the key-store commands
# too (the training runs every kind of command), replaced when truncated, ignored when unusable, and
# never visible: every verify prints exactly what it prints without an archive, nothing on stderr, and
# logs its audit line. Runs after the build (./run-tests calls it after mvn verify); needs openssl.
# About twenty seconds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"  # a crashing JVM writes its hs_err file here
export SIGNET_CDS_DIR="$work/cds" SIGNET_HOME="$work/home"
unset SIGNET_CDS SIGNET_JAVA_OPTS

fail() { echo "launcher-cds-test: FAILED: $*" >&2; exit 1; }
archives() { find "$work/cds" -maxdepth 1 \( -name 'signet-*.jsa' -o -name 'signet-*.aot' \) | sort; }
# The option that makes the JVM fail when it cannot map the archive (or cache).
must_map() { if [[ $(archives) == *.aot ]]; then echo -XX:AOTMode=on; else echo -Xshare:on; fi; }

# $1 names the run; verifies the package, which must succeed with nothing on stderr and print what
# the run without an archive printed.
verify() {
  "$root/signet" verify --public-key "$work/pub.pem" "$work/pkg.bin" >"$work/$1.out" 2>"$work/$1.err" \
    || fail "$1: exit code $? ($(cat "$work/$1.err"))"
  [[ ! -s "$work/$1.err" ]] || fail "$1: wrote to stderr: $(cat "$work/$1.err")"
  if [[ -f "$work/reference.out" ]]; then
    cmp -s "$work/reference.out" "$work/$1.out" || fail "$1: printed $(cat "$work/$1.out")"
  fi
}

openssl genpkey -algorithm ed25519 -out "$work/key.pem"
openssl pkey -in "$work/key.pem" -pubout -out "$work/pub.pem"
head -c 4096 /dev/urandom >"$work/pkg.bin"
SIGNET_CDS=off "$root/signet" sign "$work/pkg.bin" --private-key "$work/key.pem" >/dev/null

SIGNET_CDS=off verify reference
grep -q '^Verified ' "$work/reference.out" || fail "reference: printed $(cat "$work/reference.out")"
[[ ! -e "$work/cds" ]] || fail "SIGNET_CDS=off made an archive"

verify first  # makes the archive
[[ $(archives | wc -l) == 1 ]] || fail "after the first run: archives $(archives)"
archive=$(archives)
verify second
SIGNET_JAVA_OPTS=$(must_map) verify mapped
# Trained on the key-store commands too: org list's H2 and MyBatis classes come from the archive.
SIGNET_JAVA_OPTS="$(must_map) -Xlog:class+load=info:file=$work/classes.log" "$root/signet" org list \
  >"$work/orgs.out" 2>"$work/orgs.err" || fail "org list: $(cat "$work/orgs.err")"
for class in org.h2.engine.Database org.apache.ibatis.session.Configuration dev.signet.bootstrap.cli.OrgCommand; do
  grep -q "^.*\] $class source: shared" "$work/classes.log" \
    || fail "org list did not take $class from the archive: $(grep -F " $class " "$work/classes.log")"
done
[[ $(archives) == "$archive" ]] || fail "a second run made another archive: $(archives)"

chmod u+w "$archive" && truncate -s 1000000 "$archive"  # as a full disk or a killed copy would leave it
verify truncated  # must not use it (JDK 17 crashes on it) and makes a sound one again
SIGNET_JAVA_OPTS=$(must_map) verify remade
[[ $(archives | wc -l) == 1 ]] || fail "after the truncated one: archives $(archives)"

archive=$(archives)
chmod u+w "$archive" && dd if=/dev/zero of="$archive" bs=4096 count=1 conv=notrunc status=none
verify unusable  # right size, bad header: the JVM runs without it, silently

# A package of 32 MiB or more gets full tiered compilation (C2 hashes with the CPU's SHA instructions).
head -c $((33 * 1024 * 1024)) /dev/urandom >"$work/big.bin"
SIGNET_CDS=off "$root/signet" sign "$work/big.bin" --private-key "$work/key.pem" >/dev/null
"$root/signet" verify --public-key "$work/pub.pem" "$work/big.bin" >"$work/big.out" 2>"$work/big.err" \
  || fail "big: exit code $? ($(cat "$work/big.err"))"
[[ ! -s "$work/big.err" ]] && grep -q '^Verified ' "$work/big.out" || fail "big: $(cat "$work/big.out" "$work/big.err")"

find "$work/cds" -mindepth 1 -maxdepth 1 -name '.making-*' | grep -q . && fail "temporary files left in $work/cds"
lines=$(grep -c '"event_type":"verification.success"' "$work/home/audit.log" || true)
[[ $lines == 8 ]] || fail "audit.log has $lines verification lines, not 8: $(cat "$work/home/audit.log")"
[[ ! -s "$work/home/signet.log" ]] || fail "signet.log: $(cat "$work/home/signet.log")"
# PKCS#11 through the launcher, which exports the JDK's wrapper only when the command line or the environment
# names PKCS#11 (./signet, "PKCS#11"): a SoftHSM key made with the options, then used with the variables alone.
[[ -n ${SIGNET_TEST_PKCS11_LIBRARY:-} ]] || fail "no SoftHSM token: ./run-tests provides one (softhsm-token.sh)"
export SIGNET_HOME="$work/hsm-home" SIGNET_KEY_ENCRYPTION_KEY_FILE="$work/kek.hex"
openssl rand -hex 32 >"$work/kek.hex" && printf '%s' "$SIGNET_TEST_PKCS11_PIN" >"$work/pin"
chmod 600 "$work/kek.hex" "$work/pin"
"$root/signet" org create hsm-org >/dev/null 2>"$work/hsm.err" || fail "org create: $(cat "$work/hsm.err")"
key=$("$root/signet" key create --org hsm-org --name launcher-hsm --backend pkcs11 \
  --pkcs11-library "$SIGNET_TEST_PKCS11_LIBRARY" --pkcs11-token "$SIGNET_TEST_PKCS11_TOKEN" --pkcs11-pin-file "$work/pin" \
  2>"$work/hsm.err") || fail "key create --backend pkcs11: $(cat "$work/hsm.err")"
SIGNET_PKCS11_LIBRARY=$SIGNET_TEST_PKCS11_LIBRARY SIGNET_PKCS11_TOKEN=$SIGNET_TEST_PKCS11_TOKEN \
  SIGNET_PKCS11_PIN_FILE="$work/pin" "$root/signet" sign --key "${key%% *}" "$work/pkg.bin" --out "$work/hsm.sig" \
  >/dev/null 2>"$work/hsm.err" || fail "sign --key with SIGNET_PKCS11_*: $(cat "$work/hsm.err")"
"$root/signet" key export "${key%% *}" >"$work/hsm-pub.pem" 2>"$work/hsm.err" || fail "key export: $(cat "$work/hsm.err")"
"$root/signet" verify --public-key "$work/hsm-pub.pem" --sig "$work/hsm.sig" "$work/pkg.bin" >/dev/null \
  2>"$work/hsm.err" || fail "verify of the SoftHSM signature: $(cat "$work/hsm.err")"
echo "launcher-cds-test: passed (archive made, used, remade when truncated, ignored when unusable; output unchanged; PKCS#11 keys work through it)"
