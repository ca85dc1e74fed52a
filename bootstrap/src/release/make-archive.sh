#!/usr/bin/env bash
# Makes the release archive, TARGET/signet-VERSION.tar.gz, from the build in TARGET (signet.jar, lib/):
#   signet-VERSION/bin/signet          the launcher (this folder's signet)
#   signet-VERSION/app/                signet.jar and its dependencies (lib/)
#   signet-VERSION/runtime/            a Java runtime made with jlink from JDK_HOME, holding the modules
#                                      jdeps finds in the jars plus jdk.crypto.cryptoki (PKCS#11), and
#                                      lib/signet.jsa, the class-data sharing archive (lib/signet.aot, the
#                                      AOT cache, when JDK_HOME is Java 25 or later)
#   signet-VERSION/share/bash-completion/completions/signet   from the picocli model (Completion)
# The archive/cache is trained by one run of dev.signet.bootstrap.cli.Training (every kind of command on
# a throw-away embedded home) with the runtime's own java, at the archive's own paths. The tar keeps the
# files' modification times, which the JVM checks before it maps the archive.
# Called by bootstrap's pom.xml at package time: make-archive.sh JDK_HOME VERSION TARGET
set -euo pipefail
jdk=$1 version=$2 target=$3
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
name="signet-$version"
stage="$target/archive/$name"
started=$SECONDS

rm -rf "$target/archive" "$target/$name.tar.gz"
mkdir -p "$stage/bin" "$stage/app" "$stage/share/bash-completion/completions"
cp -p "$target/signet.jar" "$stage/app/"
cp -rp "$target/lib" "$stage/app/lib"
cp "$here/signet" "$stage/bin/signet"
chmod 755 "$stage/bin/signet"

# jaxb-api (optional for Liquibase) is a named module that requires java.activation, which jdeps then
# fails to resolve; nothing Signet runs needs it. No jdk.localedata (10 MB): the CLI speaks English (the
# root locale and English are in java.base). jdk.crypto.ec: TLS to PostgreSQL (folded into
# java.base on later JDKs, where jdeps does not name it).
jars=()
while IFS= read -r jar; do jars+=("$jar"); done < <(ls "$stage/app/signet.jar" "$stage/app/lib"/*.jar | grep -v '/jaxb-api-')
modules=$("$jdk/bin/jdeps" -q --ignore-missing-deps --multi-release 17 --print-module-deps "${jars[@]}")
modules="$modules,jdk.crypto.cryptoki,jdk.zipfs"
if "$jdk/bin/java" --list-modules | grep -q '^jdk\.crypto\.ec@'; then modules="$modules,jdk.crypto.ec"; fi
# Not compressed inside: the tar.gz compresses it, and an uncompressed modules file starts faster.
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --output "$stage/runtime"

java_bin="$stage/runtime/bin/java"
# Trained without the PKCS#11 export, as bin/signet starts every command that does not use PKCS#11 (see there).
jvm_flags=(-XX:+UseSerialGC)
feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$stage/runtime/release")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The training runs with the launcher's JIT flags for small commands, which is what it trains for.
if ((feature >= 25)); then
  "$java_bin" "${jvm_flags[@]}" -XX:TieredStopAtLevel=1 -XX:AOTCacheOutput="$stage/runtime/lib/signet.aot" \
    -cp "$stage/app/signet.jar" dev.signet.bootstrap.cli.Training "$work/training" >"$work/log" 2>&1 \
    || { cat "$work/log" >&2; exit 1; }
else
  "$java_bin" "${jvm_flags[@]}" -XX:TieredStopAtLevel=1 -XX:DumpLoadedClassList="$work/classes.lst" \
    -cp "$stage/app/signet.jar" dev.signet.bootstrap.cli.Training "$work/training" >"$work/log" 2>&1 \
    || { cat "$work/log" >&2; exit 1; }
  "$java_bin" "${jvm_flags[@]}" -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" \
    -XX:SharedArchiveFile="$stage/runtime/lib/signet.jsa" -jar "$stage/app/signet.jar" >"$work/log" 2>&1 \
    || { cat "$work/log" >&2; exit 1; }
  # Java 17's archive names its class path absolutely: bin/signet makes it again, from this class list,
  # when the folder is not this one (see there).
  cp "$work/classes.lst" "$stage/runtime/lib/signet.classlist"
  printf '%s\n' "$stage" >"$stage/runtime/lib/signet.jsa.home"
fi

"$java_bin" -cp "$stage/app/signet.jar" dev.signet.bootstrap.cli.Completion \
  >"$stage/share/bash-completion/completions/signet"
grep -q 'complete -F' "$stage/share/bash-completion/completions/signet" \
  || { echo "make-archive: no completion script" >&2; exit 1; }

tar -C "$target/archive" --owner=0 --group=0 --numeric-owner -czf "$target/$name.tar.gz" "$name"
echo "make-archive: $target/$name.tar.gz ($(du -h "$target/$name.tar.gz" | cut -f1), Java $feature runtime, $((SECONDS - started)) s)"
