// Schedules the core's reminder plan with UNUserNotificationCenter: one request per firing (iOS keeps at most
// 64 pending, which is the plan's cap), identified by the firing's stable id, with "Done" and "In an hour"
// actions. The core has already applied quiet hours, snoozes, done and skipped occurrences and discreet
// wording; nothing is decided here. Rescheduling replaces every request made last time.
import Foundation
import MendKit
@preconcurrency import UserNotifications

@MainActor
final class NotificationScheduler: NSObject, UNUserNotificationCenterDelegate {
    private static let prefix = "mend.firing."
    private static let category = "mend.reminder"
    private let center = UNUserNotificationCenter.current()
    private var mend: MendClient?

    override init() {
        super.init()
        center.delegate = self
        let done = UNNotificationAction(identifier: "done", title: "Done")
        let snooze = UNNotificationAction(identifier: "snooze", title: "In an hour")
        center.setNotificationCategories([
            UNNotificationCategory(identifier: Self.category, actions: [done, snooze], intentIdentifiers: [],
                                   options: [.hiddenPreviewsShowTitle])
        ])
    }

    /// Replaces every pending Mend notification with the plan for the next week.
    func reschedule(_ mend: MendClient) async {
        self.mend = mend
        guard let plan = try? await mend.reminderPlan(hours: 7 * 24) else { return }
        let pending = await center.pendingNotificationRequests().map(\.identifier).filter { $0.hasPrefix(Self.prefix) }
        center.removePendingNotificationRequests(withIdentifiers: pending)
        for firing in plan.firings {
            let content = UNMutableNotificationContent()
            content.title = firing.title
            content.body = firing.body
            content.categoryIdentifier = Self.category
            content.userInfo = ["reminder": firing.reminder, "occurrence": firing.occurrenceUtc.timeIntervalSince1970]
            let interval = max(1, firing.atUtc.timeIntervalSinceNow)
            let trigger = UNTimeIntervalNotificationTrigger(timeInterval: interval, repeats: false)
            let request = UNNotificationRequest(identifier: Self.prefix + firing.id, content: content, trigger: trigger)
            try? await center.add(request)
        }
    }

    /// Shows the core's care notification for the open alerts (discreet unless the person turned that off),
    /// replacing the last one: called when an alert is raised.
    func showCare(_ mend: MendClient) async {
        guard let words = try? await mend.todayDashboard().careNotification else { return }
        let content = UNMutableNotificationContent()
        content.title = words.title
        content.body = words.body
        content.interruptionLevel = .timeSensitive
        let request = UNNotificationRequest(identifier: "mend.care", content: content, trigger: nil)
        try? await center.add(request)
    }

    /// "Done" or "In an hour" from a notification: recorded through the core, which then announces the change.
    nonisolated func userNotificationCenter(
        _ center: UNUserNotificationCenter, didReceive response: UNNotificationResponse
    ) async {
        let info = response.notification.request.content.userInfo
        guard let reminder = info["reminder"] as? String, let seconds = info["occurrence"] as? Double else { return }
        let occurrence = Date(timeIntervalSince1970: seconds)
        let action = response.actionIdentifier
        guard let mend = await self.mend else { return }
        switch action {
        case "done": _ = try? await mend.reminderDone(guid: reminder, occurrence: occurrence)
        case "snooze": _ = try? await mend.reminderSnooze(guid: reminder, by: .oneHour, occurrence: occurrence)
        default: break
        }
    }

    /// Shows reminders while the app is open, too.
    nonisolated func userNotificationCenter(
        _ center: UNUserNotificationCenter, willPresent notification: UNNotification
    ) async -> UNNotificationPresentationOptions {
        [.banner, .sound]
    }
}
