// The journal through MendKit: set-up and profile, losses, check-ins, events and the timeline (History).
package app.mend.kit

import app.mend.core.CheckIn
import app.mend.core.Event
import app.mend.core.EventKind
import app.mend.core.HistoryEntry
import app.mend.core.Loss
import app.mend.core.NewCheckIn
import app.mend.core.NewEvent
import app.mend.core.NewLoss
import app.mend.core.NumberInput
import app.mend.core.Profile
import app.mend.core.ProfileInput
import app.mend.core.Undone
import app.mend.ffi.JournalSetUp
import java.time.LocalDate

/** Sets up a new journal: the profile and the first loss, both or neither. */
suspend fun MendKit.setUp(profile: ProfileInput, loss: NewLoss): JournalSetUp = call { it.setUp(profile, loss) }

/** The profile, if the journal has been set up. */
suspend fun MendKit.profile(): Profile? = call { it.profile() }

/** Creates or updates the profile. */
suspend fun MendKit.setProfile(input: ProfileInput): Profile = call { it.setProfile(input) }

/**
 * Sets the numbers the person keeps (the unit's 24-hour number, their own emergency and crisis numbers), keeping
 * the rest of the profile; null removes one.
 */
suspend fun MendKit.setOwnNumbers(unit: NumberInput?, ownEmergency: NumberInput?, ownCrisis: NumberInput?): Profile =
    call { it.setOwnNumbers(unit, ownEmergency, ownCrisis) }

/** Turns the mood screens on or off (asked once at set-up and changeable), keeping the rest of the profile. */
suspend fun MendKit.setMoodScreens(on: Boolean): Profile = call { it.setMoodScreens(on) }

/** Records a loss. */
suspend fun MendKit.recordLoss(input: NewLoss): Loss = call { it.recordLoss(input) }

/** Replaces a loss's details. */
suspend fun MendKit.updateLoss(guid: String, input: NewLoss): Loss = call { it.updateLoss(guid, input) }

/** Deletes a loss. */
suspend fun MendKit.deleteLoss(guid: String) = call { it.deleteLoss(guid) }

/** One loss by guid. */
suspend fun MendKit.loss(guid: String): Loss? = call { it.loss(guid) }

/** Every loss, oldest first. */
suspend fun MendKit.losses(): List<Loss> = call { it.losses() }

/** The most recent loss. */
suspend fun MendKit.currentLoss(): Loss? = call { it.currentLoss() }

/** Saves a check-in. */
suspend fun MendKit.addCheckin(input: NewCheckIn): CheckIn = call { it.addCheckin(input) }

/** Saves several check-ins: all of them or none. */
suspend fun MendKit.addCheckins(inputs: List<NewCheckIn>): List<CheckIn> = call { it.addCheckins(inputs) }

/** Replaces a check-in's time and contents. */
suspend fun MendKit.updateCheckin(guid: String, input: NewCheckIn): CheckIn = call { it.updateCheckin(guid, input) }

/** Deletes a check-in. */
/** Reverts the latest add or edit made on this device within 15 minutes; [MendException.Conflict] says why not. */
suspend fun MendKit.undo(): Undone = call { it.undo() }

suspend fun MendKit.deleteCheckin(guid: String) = call { it.deleteCheckin(guid) }

/** One check-in by guid. */
suspend fun MendKit.checkin(guid: String): CheckIn? = call { it.checkin(guid) }

/** Check-ins on one local day, in time order. */
suspend fun MendKit.checkinsOn(day: LocalDate): List<CheckIn> = call { it.checkinsOn(day) }

/** Check-ins whose local day is in [from, to], in time order. */
suspend fun MendKit.checkinsBetweenDays(from: LocalDate, to: LocalDate): List<CheckIn> =
    call { it.checkinsBetweenDays(from, to) }

/** The most recent check-in. */
suspend fun MendKit.latestCheckin(): CheckIn? = call { it.latestCheckin() }

/** Every check-in, in time order. */
suspend fun MendKit.allCheckins(): List<CheckIn> = call { it.allCheckins() }

/** Saves an event. */
suspend fun MendKit.addEvent(input: NewEvent): Event = call { it.addEvent(input) }

/** Replaces an event. */
suspend fun MendKit.updateEvent(guid: String, input: NewEvent): Event = call { it.updateEvent(guid, input) }

/** Deletes an event. */
suspend fun MendKit.deleteEvent(guid: String) = call { it.deleteEvent(guid) }

/** One event by guid. */
suspend fun MendKit.event(guid: String): Event? = call { it.event(guid) }

/** Events whose local day is in [from, to], in time order. */
suspend fun MendKit.eventsBetweenDays(from: LocalDate, to: LocalDate): List<Event> =
    call { it.eventsBetweenDays(from, to) }

/** Every event, in time order. */
suspend fun MendKit.allEvents(): List<Event> = call { it.allEvents() }

/** Every event of one kind, in time order. */
suspend fun MendKit.eventsOfKind(kind: EventKind): List<Event> = call { it.eventsOfKind(kind) }

/** Check-ins and events between two local days, in time order: the History screen. */
suspend fun MendKit.history(from: LocalDate, to: LocalDate): List<HistoryEntry> = call { it.history(from, to) }
