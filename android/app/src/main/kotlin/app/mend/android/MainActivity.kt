// The one activity: five tabs (Today, History, Library, Reminders, Settings), each a screen over MendKit.
package app.mend.android

import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import androidx.compose.foundation.layout.padding
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.outlined.AccessAlarm
import androidx.compose.material.icons.outlined.History
import androidx.compose.material.icons.outlined.MenuBook
import androidx.compose.material.icons.outlined.Settings
import androidx.compose.material.icons.outlined.WbSunny
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.NavigationBar
import androidx.compose.material3.NavigationBarItem
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.vector.ImageVector
import androidx.compose.ui.res.stringResource
import androidx.navigation.NavGraph.Companion.findStartDestination
import androidx.navigation.compose.NavHost
import androidx.navigation.compose.composable
import androidx.navigation.compose.currentBackStackEntryAsState
import androidx.navigation.compose.rememberNavController
import app.mend.android.ui.GuideScreen
import app.mend.android.ui.HistoryScreen
import app.mend.android.ui.LibraryScreen
import app.mend.android.ui.RemindersScreen
import app.mend.android.ui.SettingsScreen
import app.mend.android.ui.TodayScreen

class MainActivity : ComponentActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        enableEdgeToEdge()
        setContent { MaterialTheme { MendNavigation() } }
    }
}

private enum class Tab(val route: String, val label: Int, val icon: ImageVector) {
    Today("today", R.string.tab_today, Icons.Outlined.WbSunny),
    History("history", R.string.tab_history, Icons.Outlined.History),
    Library("library", R.string.tab_library, Icons.Outlined.MenuBook),
    Reminders("reminders", R.string.tab_reminders, Icons.Outlined.AccessAlarm),
    Settings("settings", R.string.tab_settings, Icons.Outlined.Settings),
}

@Composable
private fun MendNavigation() {
    val nav = rememberNavController()
    val current by nav.currentBackStackEntryAsState()
    Scaffold(
        bottomBar = {
            NavigationBar {
                Tab.entries.forEach { tab ->
                    NavigationBarItem(
                        selected = current?.destination?.route?.startsWith(tab.route) == true,
                        onClick = {
                            nav.navigate(tab.route) {
                                popUpTo(nav.graph.findStartDestination().id) { saveState = true }
                                launchSingleTop = true
                                restoreState = true
                            }
                        },
                        icon = { Icon(tab.icon, contentDescription = null) },
                        label = { Text(stringResource(tab.label)) },
                    )
                }
            }
        },
    ) { padding ->
        NavHost(nav, startDestination = Tab.Today.route, modifier = Modifier.padding(padding)) {
            composable(Tab.Today.route) { TodayScreen(openGuide = { nav.navigate("library/$it") }) }
            composable(Tab.History.route) { HistoryScreen() }
            composable(Tab.Library.route) { LibraryScreen(openGuide = { nav.navigate("library/$it") }) }
            composable("library/{id}") { entry -> GuideScreen(id = entry.arguments?.getString("id").orEmpty()) }
            composable(Tab.Reminders.route) { RemindersScreen() }
            composable(Tab.Settings.route) { SettingsScreen() }
        }
    }
}
