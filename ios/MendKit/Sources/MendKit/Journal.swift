// The journal through MendClient: set-up and profile, losses, check-ins, events and the timeline (History).
import Foundation

extension MendClient {
    /// Sets up a new journal: the profile and the first loss, both or neither.
    public func setUp(profile: ProfileInput, loss: NewLoss) async throws -> JournalSetUp {
        try await run { try $0.setUp(profile: profile, loss: loss) }
    }

    /// The profile, if the journal has been set up.
    public func profile() async throws -> Profile? {
        try await run { try $0.profile() }
    }

    /// Creates or updates the profile.
    public func setProfile(_ input: ProfileInput) async throws -> Profile {
        try await run { try $0.setProfile(input: input) }
    }

    /// Sets the numbers the person keeps (the unit's 24-hour number, their own emergency and crisis numbers),
    /// keeping the rest of the profile; nil removes one.
    public func setOwnNumbers(
        unit: NumberInput?, ownEmergency: NumberInput?, ownCrisis: NumberInput?
    ) async throws -> Profile {
        try await run {
            try $0.setOwnNumbers(unitNumber: unit, ownEmergencyNumber: ownEmergency, ownCrisisNumber: ownCrisis)
        }
    }

    /// Turns the mood screens on or off (asked once at set-up and changeable), keeping the rest of the profile.
    public func setMoodScreens(_ on: Bool) async throws -> Profile {
        try await run { try $0.setMoodScreens(on: on) }
    }

    /// Records a loss.
    public func recordLoss(_ input: NewLoss) async throws -> Loss {
        try await run { try $0.recordLoss(input: input) }
    }

    /// Replaces a loss's details.
    public func updateLoss(guid: String, _ input: NewLoss) async throws -> Loss {
        try await run { try $0.updateLoss(guid: guid, input: input) }
    }

    /// Deletes a loss.
    public func deleteLoss(guid: String) async throws {
        try await run { try $0.deleteLoss(guid: guid) }
    }

    /// One loss by guid, if it is there.
    public func loss(guid: String) async throws -> Loss? {
        try await run { try $0.loss(guid: guid) }
    }

    /// Every loss, oldest first.
    public func losses() async throws -> [Loss] {
        try await run { try $0.losses() }
    }

    /// The most recent loss.
    public func currentLoss() async throws -> Loss? {
        try await run { try $0.currentLoss() }
    }

    /// Saves a check-in.
    public func addCheckin(_ input: NewCheckIn) async throws -> CheckIn {
        try await run { try $0.addCheckin(input: input) }
    }

    /// Saves several check-ins: all of them or none.
    public func addCheckins(_ inputs: [NewCheckIn]) async throws -> [CheckIn] {
        try await run { try $0.addCheckins(inputs: inputs) }
    }

    /// Replaces a check-in's time and contents.
    public func updateCheckin(guid: String, _ input: NewCheckIn) async throws -> CheckIn {
        try await run { try $0.updateCheckin(guid: guid, input: input) }
    }

    /// Reverts the latest add or edit made on this device within 15 minutes; throws `.Conflict` with the
    /// reason (a deletion can't be undone) when it cannot.
    public func undo() async throws -> Undone {
        try await run { try $0.undo() }
    }

    /// Deletes a check-in.
    public func deleteCheckin(guid: String) async throws {
        try await run { try $0.deleteCheckin(guid: guid) }
    }

    /// One check-in by guid.
    public func checkin(guid: String) async throws -> CheckIn? {
        try await run { try $0.checkin(guid: guid) }
    }

    /// Check-ins on one local day (`YYYY-MM-DD`), in time order.
    public func checkins(on day: Day) async throws -> [CheckIn] {
        try await run { try $0.checkinsOn(day: day) }
    }

    /// Check-ins whose local day is in `from...to`, in time order.
    public func checkins(from: Day, to: Day) async throws -> [CheckIn] {
        try await run { try $0.checkinsBetweenDays(from: from, to: to) }
    }

    /// The most recent check-in.
    public func latestCheckin() async throws -> CheckIn? {
        try await run { try $0.latestCheckin() }
    }

    /// Every check-in, in time order.
    public func allCheckins() async throws -> [CheckIn] {
        try await run { try $0.allCheckins() }
    }

    /// Saves an event.
    public func addEvent(_ input: NewEvent) async throws -> Event {
        try await run { try $0.addEvent(input: input) }
    }

    /// Replaces an event.
    public func updateEvent(guid: String, _ input: NewEvent) async throws -> Event {
        try await run { try $0.updateEvent(guid: guid, input: input) }
    }

    /// Deletes an event.
    public func deleteEvent(guid: String) async throws {
        try await run { try $0.deleteEvent(guid: guid) }
    }

    /// One event by guid.
    public func event(guid: String) async throws -> Event? {
        try await run { try $0.event(guid: guid) }
    }

    /// Events whose local day is in `from...to`, in time order.
    public func events(from: Day, to: Day) async throws -> [Event] {
        try await run { try $0.eventsBetweenDays(from: from, to: to) }
    }

    /// Every event, in time order.
    public func allEvents() async throws -> [Event] {
        try await run { try $0.allEvents() }
    }

    /// Every event of one kind, in time order.
    public func events(of kind: EventKind) async throws -> [Event] {
        try await run { try $0.eventsOfKind(kind: kind) }
    }

    /// Check-ins and events between two local days, in time order: the History screen.
    public func history(from: Day, to: Day) async throws -> [HistoryEntry] {
        try await run { try $0.history(from: from, to: to) }
    }
}
