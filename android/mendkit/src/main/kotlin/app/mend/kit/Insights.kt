// Today and insights through MendKit: what the Today screen shows, computed by the core.
package app.mend.kit

import app.mend.core.CheckInData
import app.mend.core.CheckinForm
import app.mend.core.FormAnswer
import app.mend.core.Insights
import app.mend.core.Today
import java.time.LocalDate

/** Everything the Today screen shows, as of now. */
suspend fun MendKit.todayDashboard(): Today = call { it.todayDashboard() }

/** The check-in sections and questions worth offering now: render them as given, in order. */
suspend fun MendKit.checkinForm(now: java.time.Instant = java.time.Instant.now()): CheckinForm = call { it.checkinForm(now) }

/**
 * A check-in's data from the form's answers (each question's field and the answer as text) and the ids of the
 * sections the person went through; save it with addCheckin. The core reads every answer.
 */
suspend fun MendKit.checkinFromForm(answers: List<FormAnswer>, answered: List<String>): CheckInData =
    call { it.checkinFromForm(answers, answered) }

/** Today's date where the person lives. */
suspend fun MendKit.today(): LocalDate = call { it.today() }

/** Recovery week, the bleeding episode, periods, weekly averages and trends. */
suspend fun MendKit.insights(): Insights = call { it.insights() }
