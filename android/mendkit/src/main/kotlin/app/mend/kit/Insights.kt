// Today and insights through MendKit: what the Today screen shows, computed by the core.
package app.mend.kit

import app.mend.core.CheckInData
import app.mend.core.CheckinForm
import app.mend.core.FormAnswer
import app.mend.core.Insights
import app.mend.core.Today
import java.time.LocalDate

/**
 * Everything the Today screen shows, as of now. [zone]: where the person is now (pass the device's,
 * `ZoneId.systemDefault().id`), so "today" is their day there; the home zone when null.
 */
suspend fun MendKit.todayDashboard(zone: String? = null): Today = call { it.todayDashboard(zone) }

/** The check-in sections and questions worth offering now: render them as given, in order. */
suspend fun MendKit.checkinForm(now: java.time.Instant = java.time.Instant.now()): CheckinForm = call { it.checkinForm(now) }

/**
 * A check-in's data from the form's answers (each question's field and the answer as text) and the ids of the
 * sections the person went through; save it with addCheckin. The core reads every answer.
 */
suspend fun MendKit.checkinFromForm(answers: List<FormAnswer>, answered: List<String>): CheckInData =
    call { it.checkinFromForm(answers, answered) }

/** Today's date where the person is now ([zone], the device's), else at home. */
suspend fun MendKit.today(zone: String? = null): LocalDate = call { it.today(zone) }

/** Recovery week, the bleeding episode, periods, weekly averages and trends. */
suspend fun MendKit.insights(): Insights = call { it.insights() }
