// The Mend app for iOS: five tabs over MendKit. Everything it shows comes from the core.
import MendKit
import SwiftUI

@main
struct MendApp: App {
    @State private var model = AppModel()

    var body: some Scene {
        WindowGroup {
            TabView {
                TodayView().tabItem { Label("Today", systemImage: "sun.max") }
                HistoryView().tabItem { Label("History", systemImage: "clock") }
                LibraryView().tabItem { Label("Library", systemImage: "book") }
                RemindersView().tabItem { Label("Reminders", systemImage: "alarm") }
                SettingsView().tabItem { Label("Settings", systemImage: "gear") }
            }
            .environment(model)
            .task { await model.start() }
        }
    }
}
