// Mend for Android: `mendkit` (the Kotlin face of the Rust core: generated bindings + wrapper + the native
// library) and `app` (the Compose app, which only shows what the core computes).
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "Mend"
include(":mendkit", ":app")
