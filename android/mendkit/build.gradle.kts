// mendkit: the Kotlin face of Mend's Rust core. Its sources are the uniffi bindings generated from the library
// (build/generated/uniffi/kotlin, by scripts/bindings.sh) and the wrapper in src/main/kotlin; the native
// library for each ABI comes from scripts/build-android.sh (cargo ndk) into src/main/jniLibs. Both scripts run
// before every build, so the bindings always match the library they load.
import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
    alias(libs.plugins.android.library)
    alias(libs.plugins.kotlin.android)
}

val repoRoot: File = rootDir.parentFile
val generatedKotlin = layout.buildDirectory.dir("generated/uniffi/kotlin")

android {
    namespace = "app.mend.kit"
    compileSdk = 35
    defaultConfig {
        // 28: packed relocations (RELR) in the native library; see .cargo/config.toml.
        minSdk = 28
        consumerProguardFiles("consumer-rules.pro")
        ndk { abiFilters += listOf("arm64-v8a", "x86_64") }
    }
    sourceSets["main"].kotlin.srcDir(generatedKotlin)
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    testOptions.unitTests.all {
        // The JVM unit tests load the library built for this computer (scripts/bindings.sh builds it).
        it.systemProperty("jna.library.path", File(repoRoot, "target/debug").path)
    }
}

kotlin {
    compilerOptions { jvmTarget.set(JvmTarget.JVM_17) }
}

val buildRustLibraries by tasks.registering(Exec::class) {
    description = "Builds libmend_ffi.so for arm64-v8a and x86_64 into src/main/jniLibs (cargo ndk)."
    workingDir = repoRoot
    commandLine("scripts/build-android.sh")
}

val generateBindings by tasks.registering(Exec::class) {
    description = "Generates the Kotlin bindings from the library (scripts/bindings.sh)."
    workingDir = repoRoot
    commandLine("scripts/bindings.sh")
    outputs.dir(generatedKotlin)
}

tasks.named("preBuild") { dependsOn(generateBindings, buildRustLibraries) }

dependencies {
    // JNA as an AAR carries its own libjnidispatch.so for each ABI.
    implementation("${libs.jna.aar.get()}@aar")
    api(libs.kotlinx.coroutines.android)
    testImplementation(libs.jna.jvm)
    testImplementation(libs.junit)
    testImplementation(libs.kotlin.test.junit)
}
