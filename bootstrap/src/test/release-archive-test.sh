#!/usr/bin/env bash
# The release archive (bootstrap/target/signet-VERSION.tar.gz, made by mvn package): unpacked in a
# temporary folder, it runs with no JDK and no Maven on PATH (env -i, PATH=/usr/bin:/bin, the JDKs in
# /usr/lib/jvm and Maven hidden) and no source tree (a private mount namespace, unshare -m, with an empty
# tmpfs over the checkout and ~/.m2): --version names the commit the checkout is at, an offline sign and
# verify with a key made by openssl (and a tampered copy rejected, exit 3), org create/list and key
# create/list on an embedded home in the temporary folder, quickstart, and the bash completion script.
# Its class-data archive (or AOT cache) maps there. Runs after mvn verify (./run-tests); needs openssl,
# unshare and root or unprivileged user namespaces. About half a minute.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
fail() { echo "release-archive-test: FAILED: $*" >&2; exit 1; }

archives=("$root"/bootstrap/target/signet-*.tar.gz)
[[ ${#archives[@]} == 1 && -f ${archives[0]} ]] || fail "no single archive in bootstrap/target: ${archives[*]}"
archive=${archives[0]}
work=$(mktemp -d "/tmp/signet-archive-test-XXXXXX")  # under /tmp, so outside the checkout it hides
trap 'rm -rf "$work"' EXIT
[[ $work/ != "$root"/* ]] || fail "the temporary folder $work is inside the checkout"
commit=unknown
if git -C "$root" rev-parse HEAD >/dev/null 2>&1; then commit=$(git -C "$root" rev-parse --short=12 HEAD); fi

tar -C "$work" -xzf "$archive"
name=$(basename "$archive" .tar.gz)
[[ -x "$work/$name/bin/signet" ]] || fail "no bin/signet in $archive"
openssl genpkey -algorithm ed25519 -out "$work/key.pem" 2>/dev/null
openssl pkey -in "$work/key.pem" -pubout -out "$work/key.pub.pem"
openssl rand -hex 32 >"$work/kek.hex" && chmod 600 "$work/kek.hex"
head -c 4096 /dev/urandom >"$work/package.bin"

cat >"$work/inside.sh" <<'EOF'
set -euo pipefail
fail() { echo "release-archive-test (inside): FAILED: $*" >&2; exit 1; }
cd "$WORK"
signet="$WORK/$NAME/bin/signet"
! command -v java >/dev/null || fail "a java is on PATH: $(command -v java)"
! command -v mvn >/dev/null || fail "a mvn is on PATH: $(command -v mvn)"
[[ -z ${JAVA_HOME:-} ]] || fail "JAVA_HOME is set"
[[ ! -e $ROOT/pom.xml ]] || fail "the source tree is visible at $ROOT"

version=$("$signet" --version)
[[ $version == "signet "*"(commit $COMMIT"* ]] || fail "--version printed: $version"
# The first run made the class-data archive for this folder where needed; from now on it must map.
if [[ -f $WORK/$NAME/runtime/lib/signet.aot ]]; then map=-XX:AOTMode=on; else map=-Xshare:on; fi
SIGNET_JAVA_OPTS=$map "$signet" --version >/dev/null || fail "the archive's class-data archive does not map"

export SIGNET_HOME="$WORK/home" SIGNET_KEY_ENCRYPTION_KEY_FILE="$WORK/kek.hex"
"$signet" sign package.bin --private-key key.pem >/dev/null
out=$(SIGNET_JAVA_OPTS=$map "$signet" verify package.bin --public-key key.pub.pem)
[[ $out == "Verified package.bin: "* ]] || fail "verify printed: $out"
cp package.bin tampered.bin && printf x | dd of=tampered.bin bs=1 seek=10 conv=notrunc status=none
code=0; "$signet" verify tampered.bin --public-key key.pub.pem --sig package.bin.sig 2>/dev/null || code=$?
[[ $code == 3 ]] || fail "a tampered package: exit $code, not 3"

org=$("$signet" org create release-test)
orgs=$(SIGNET_JAVA_OPTS=$map "$signet" org list --json)
[[ $orgs == *"\"$org\""*release-test* ]] || fail "org list printed: $orgs"
key=$("$signet" key create --org release-test --name k1 | cut -d' ' -f1)
keys=$("$signet" key list --org release-test)
[[ $keys == *"$key"* ]] || fail "key list printed: $keys"
[[ -s $WORK/home/signet.mv.db && -s $WORK/home/audit.log ]] || fail "no embedded home in $WORK/home"

"$signet" quickstart >quickstart.out 2>&1 || fail "quickstart: $(cat quickstart.out)"
grep -q 'rejected as expected' quickstart.out || fail "quickstart printed: $(cat quickstart.out)"

completion="$WORK/$NAME/share/bash-completion/completions/signet"
bash -c "source '$completion' && complete -p signet" | grep -q . || fail "the completion script registers nothing"
grep -q '"verify"\|verify' "$completion" || fail "the completion script does not know verify"
EOF

hide=("$root")
[[ -d /usr/lib/jvm ]] && hide+=(/usr/lib/jvm)
[[ -d /usr/share/maven ]] && hide+=(/usr/share/maven)
[[ -d ${HOME:-/nonexistent}/.m2 ]] && hide+=("$HOME/.m2")
# shellcheck disable=SC2016 # expanded inside the namespace
sandbox='for dir in "$@"; do mount -t tmpfs -o size=1m signet-hidden "$dir"; done
  exec env -i PATH=/usr/bin:/bin HOME="$WORK/user" WORK="$WORK" NAME="$NAME" ROOT="$ROOT" COMMIT="$COMMIT" \
    bash "$WORK/inside.sh"'
# As root, or else in a user namespace where that is allowed, or else through sudo (some CI runners
# forbid unprivileged user namespaces).
if [[ $(id -u) == 0 ]]; then namespace=(unshare --mount --propagation private)
elif unshare --map-root-user --mount true 2>/dev/null; then
  namespace=(unshare --map-root-user --mount --propagation private)
else namespace=(sudo --preserve-env=WORK,NAME,ROOT,COMMIT unshare --mount --propagation private); fi
started=$SECONDS
WORK=$work NAME=$name ROOT=$root COMMIT=$commit "${namespace[@]}" bash -c "$sandbox" sandbox "${hide[@]}" \
  || fail "the archive did not work unpacked outside the source tree (see above)"
echo "release-archive-test: passed ($(basename "$archive"), $(du -h "$archive" | cut -f1); run from $work with no JDK, Maven or source tree in $((SECONDS - started)) s)"
