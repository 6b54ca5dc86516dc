// Reminders through the real library: the plan the phone schedules, discreet words, quiet hours, done.
import Foundation
import MendKit
import XCTest

private let dublin = TimeZone(identifier: "Europe/Dublin")!

private func daily(_ title: String, at time: TimeOfDay) -> NewReminder {
    NewReminder(
        kind: .medication, title: title,
        schedule: .repeating(rrule: "FREQ=DAILY", start: today, time: time),
        timeZone: "Europe/Dublin", until: nil)
}

final class RemindersTests: XCTestCase {
    func testThePlanHoldsEachFiringWithDiscreetWords() async throws {
        let mend = try await journalWithLoss()
        var changes = try mend.changes().makeAsyncIterator()
        let reminder = try await mend.addReminder(daily("Iron tablet", at: "09:00"))
        let change = await changes.next()
        XCTAssertEqual(change, .remindersChanged)

        let plan = try await mend.reminderPlan(hours: 48, zone: dublin)
        XCTAssertEqual(plan.zone, "Europe/Dublin")
        XCTAssertEqual(plan.firings.map(\.atUtc), [now.addingTimeInterval(12 * 3600), now.addingTimeInterval(36 * 3600)])
        let first = try XCTUnwrap(plan.firings.first)
        XCTAssertEqual(first.reminder, reminder.guid)
        XCTAssertEqual(first.atLocal, "2026-05-14T09:00:00+01:00")
        XCTAssertFalse(first.title.contains("Iron") || first.body.contains("Iron"))
        let listed = try await mend.reminders(zone: dublin)
        XCTAssertEqual(listed.map(\.status), [.active])
    }

    func testQuietHoursMoveAFiringAndDoneIsRecorded() async throws {
        let mend = try await journalWithLoss()
        let early = try await mend.addReminder(daily("Early", at: "06:30"))
        // Where the app's time picker opens, by kind: the core's choice.
        let medication = try await mend.suggestedReminderTime(kind: .medication)
        let checkIn = try await mend.suggestedReminderTime(kind: .checkIn)
        XCTAssertEqual([medication, checkIn], ["09:00", "20:00"])
        // The core's suggestion, which the app sets when quiet hours are turned on.
        let suggested = try await mend.suggestedQuietHours()
        XCTAssertEqual(suggested, QuietHours(from: "22:00", to: "07:30"))
        _ = try await mend.setQuietHours(suggested)
        let plan = try await mend.reminderPlan(hours: 24, zone: dublin)
        let firing = try XCTUnwrap(plan.firings.first)
        XCTAssertTrue(firing.movedByQuietHours)
        XCTAssertEqual(firing.atLocal, "2026-05-14T07:30:00+01:00")
        let done = try await mend.reminderDone(guid: early.guid, occurrence: firing.occurrenceUtc, zone: dublin)
        XCTAssertEqual(done.status, .done)
    }

    func testRemindersInWordsAndWhenAQuietHoursSnoozeReallyRings() async throws {
        let mend = try await journalWithLoss()
        let plain = PlainSchedule(every: .week, on: [.thursday, .monday], times: ["21:00", "09:00"], start: today)
        let schedule = try await mend.reminderSchedule(inWords: plain)
        XCTAssertEqual(schedule, .repeating(rrule: "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9,21;BYMINUTE=0", start: today, time: "09:00"))
        let words = try await mend.reminderScheduleWords(schedule)
        XCTAssertEqual(words, "every Monday and Thursday at 09:00 and 21:00")
        _ = try await mend.addReminder(
            NewReminder(kind: .medication, title: "Iron", schedule: schedule, timeZone: "Europe/Dublin", until: nil))
        let listed = try await mend.reminders(zone: dublin)
        XCTAssertEqual(listed.map(\.words), ["every Monday and Thursday at 09:00 and 21:00"])

        _ = try await mend.setQuietHours(QuietHours(from: "22:00", to: "07:30"))
        let rings = try await mend.reminderRingsAt(todayAt(23), zone: dublin)
        XCTAssertEqual(rings, todayAt(31).addingTimeInterval(1800))
        let outside = try await mend.reminderRingsAt(todayAt(20), zone: dublin)
        XCTAssertEqual(outside, todayAt(20))
    }
}
