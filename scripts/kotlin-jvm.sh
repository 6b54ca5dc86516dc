#!/usr/bin/env bash
# Compiles MendKit for the JVM (the generated bindings plus the wrapper, with the tests, or a benchmark) with
# kotlinc against JNA and kotlinx-coroutines, the way the Android library compiles them, and runs it against
# the library built on this machine. Gradle and the Android SDK are not needed.
#
# Usage: scripts/kotlin-jvm.sh test            # JUnit 4 tests in android/mendkit/src/test/kotlin
#        scripts/kotlin-jvm.sh bench [ARGS...]  # the check-in write benchmark (android/mendkit/src/bench/kotlin)
# Environment: MEND_FFI_LIB (the library to load; default: built now, with its bindings, by scripts/bindings.sh)
# The tests get a real mend-server (built debug from this tree, scripts/tools/test-server.sh) at MEND_SERVER_URL.
# Jars are cached in target/kotlin/ and rebuilt only when a source or the compiler changes.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:?usage: scripts/kotlin-jvm.sh test|bench [ARGS...]}
shift
log() { printf '[kotlin] %s\n' "$*" >&2; }

KOTLIN_HOME=$(scripts/tools/install-kotlin.sh)
lib=${MEND_FFI_LIB:-$(scripts/bindings.sh)}
K=$KOTLIN_HOME/lib
J=/usr/share/java
MAIN_CP=$J/jna.jar:$K/kotlinx-coroutines-core-jvm.jar
TEST_CP=$K/kotlin-test.jar:$K/kotlin-test-junit.jar:$J/junit4.jar:$J/hamcrest-core.jar
out=target/kotlin
mkdir -p "$out"

# Compiles SOURCES... into JAR unless the sources, the classpath (with the contents of the jars built here) and
# the compiler are what made it last time.
compile() {
    local jar=$1 cp=$2 friend=$3 stamp sources built=()
    shift 3
    mapfile -t sources < <(find "$@" -name '*.kt' | sort)
    IFS=: read -ra entries <<<"$cp"
    for entry in "${entries[@]}"; do [[ $entry == "$out"/* ]] && built+=("$entry"); done
    stamp=$( {
        "$KOTLIN_HOME/bin/kotlinc" -version 2>&1
        echo "$cp"
        sha256sum "${sources[@]}" ${built[@]+"${built[@]}"}
    } | sha256sum | cut -c1-16)
    if [[ -f $jar && $(cat "$jar.stamp" 2>/dev/null) == "$stamp" ]]; then
        log "up to date: $jar"
        return
    fi
    log "compiling ${#sources[@]} files into $jar"
    local start=$SECONDS
    "$KOTLIN_HOME/bin/kotlinc" -nowarn -jvm-target 17 -cp "$cp" ${friend:+"-Xfriend-paths=$friend"} \
        -d "${jar%.jar}.partial.jar" "${sources[@]}"
    mv "${jar%.jar}.partial.jar" "$jar"
    echo "$stamp" >"$jar.stamp"
    log "compiled $jar in $((SECONDS - start)) s"
}

main_jar=$out/mendkit.jar
compile "$main_jar" "$MAIN_CP" "" android/mendkit/build/generated/uniffi/kotlin android/mendkit/src/main/kotlin
run_cp=$main_jar:$MAIN_CP:$K/kotlin-stdlib.jar

case $mode in
test)
    tests_jar=$out/mendkit-tests.jar
    compile "$tests_jar" "$main_jar:$MAIN_CP:$TEST_CP" "$main_jar" android/mendkit/src/test/kotlin
    mapfile -t classes < <(grep -l '@Test' -r android/mendkit/src/test/kotlin | sort |
        sed 's|^android/mendkit/src/test/kotlin/||; s|\.kt$||; s|/|.|g')
    # shellcheck source=scripts/tools/test-server.sh
    source scripts/tools/test-server.sh
    mend_test_server_start
    log "running ${#classes[@]} test classes against $lib"
    java -Djna.library.path="$(dirname "$lib")" -cp "$tests_jar:$run_cp:$TEST_CP" \
        org.junit.runner.JUnitCore "${classes[@]}"
    ;;
bench)
    bench_jar=$out/mendkit-bench.jar
    compile "$bench_jar" "$main_jar:$MAIN_CP" "$main_jar" android/mendkit/src/bench/kotlin
    java -Djna.library.path="$(dirname "$lib")" -Djava.io.tmpdir="${TMPDIR:-/tmp}" -cp "$bench_jar:$run_cp" \
        app.mend.kit.bench.CheckinWriteBenchKt "$@"
    ;;
*) echo "kotlin-jvm.sh: unknown mode $mode" >&2; exit 2 ;;
esac
