//! End to end in headless Chromium: the origin article's remedy clicked through the GUI,
//! from the Services console to "Restart required" and a closed ticket, then graded from
//! the session file; and the Disabled service story (error 1058, Properties, Startup type,
//! Apply) with the keyboard. Screenshots of the main windows go into the book when
//! `WUSIM_BLESS=1` (they are never compared), as does the session file the book grades.

use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use super::server::Gui;
use super::webdriver::{Browser, Element, TIMEOUT, keys};

/// The book's copy of the session file this test records.
const BOOK_SESSION: &str = "book/src/examples/first-repair-gui.json";

/// The browser, or `None` (with a note) where none is installed outside CI.
fn launch() -> Option<Browser> {
    let browser = Browser::launch();
    if browser.is_none() {
        eprintln!("SKIPPED: install chromium and chromium-driver to run the GUI tests");
    }
    browser
}

fn bless() -> bool {
    std::env::var_os("WUSIM_BLESS").is_some()
}

/// Saves a screenshot into the book when blessing.
fn shot(browser: &Browser, name: &str) {
    if bless() {
        browser.save_screenshot(Path::new(&format!("book/src/img/{name}.png")));
    }
}

/// The element once the page has drawn it (actions answer asynchronously).
fn wait_find<'b>(browser: &'b Browser, css: &str) -> Element<'b> {
    browser.wait_until(&format!("{css} to appear"), TIMEOUT, || {
        browser.try_find(css)
    })
}

fn row<'b>(browser: &'b Browser, service: &str) -> Element<'b> {
    wait_find(browser, &format!("tr[data-service=\"{service}\"]"))
}

fn cell(browser: &Browser, service: &str, column: &str) -> String {
    let css = format!("tr[data-service=\"{service}\"] td.{column}");
    browser.wait_until(&format!("{css} to appear"), TIMEOUT, || {
        text_of(browser, &css)
    })
}

/// The top-level menu item for `verb` (not the one in All Tasks).
fn menu_item<'b>(browser: &'b Browser, verb: &str) -> Element<'b> {
    wait_find(
        browser,
        &format!("#context-menu > li[data-verb=\"{verb}\"]"),
    )
}

fn greyed(element: &Element<'_>) -> bool {
    element
        .attr("class")
        .is_some_and(|c| c.split_whitespace().any(|c| c == "disabled"))
}

/// The text of `css` read in one script, so a redraw between finding and reading cannot
/// make it stale.
fn text_of(browser: &Browser, css: &str) -> Option<String> {
    let text = browser.execute(
        "const e = document.querySelector(arguments[0]); return e ? e.innerText : null",
        &[Value::from(css)],
    );
    text.as_str().map(|t| t.trim().to_string())
}

fn wait_text(browser: &Browser, css: &str, want: &str) {
    browser.wait_until(&format!("{css} to read {want:?}"), TIMEOUT, || {
        (text_of(browser, css).as_deref() == Some(want)).then_some(())
    });
}

/// No modal box is open (the progress box closes by itself).
fn wait_no_box(browser: &Browser) {
    browser.wait_until("the boxes to close", TIMEOUT, || {
        let open = browser.execute(
            "return document.querySelectorAll('.modal:not([hidden])').length",
            &[],
        );
        (open == 0).then_some(())
    });
}

/// Lets simulated time pass with the taskbar's Wait control, and waits for the page to show
/// the new time.
fn wait_on_taskbar(browser: &Browser, option: &str) {
    let before = text_of(browser, "#elapsed");
    browser
        .find(&format!("#wait-select option[value=\"{option}\"]"))
        .click();
    browser.find("#wait-button").click();
    browser.wait_until("the clock to move", TIMEOUT, || {
        (text_of(browser, "#elapsed") != before).then_some(())
    });
}

#[test]
fn the_origin_story_in_the_browser_reaches_restart_required_and_grades_the_same() {
    let Some(browser) = launch() else { return };
    let mut gui = Gui::start(&["orchestrator-stopped", "--seed", "7"]);
    browser.goto(&gui.url());

    // Services: Update Orchestrator Service is stopped, so Restart is greyed and Start is not.
    browser.find("#open-services").click();
    let uso = row(&browser, "UsoSvc");
    assert_eq!(cell(&browser, "UsoSvc", "status"), "");
    browser.context_click(&uso);
    assert!(greyed(&menu_item(&browser, "restart")));
    assert!(!greyed(&menu_item(&browser, "start")));
    assert!(greyed(&menu_item(&browser, "stop")));
    assert!(greyed(&menu_item(&browser, "pause")));
    shot(&browser, "gui-services");
    menu_item(&browser, "start").click();
    wait_text(&browser, "tr[data-service=\"UsoSvc\"] td.status", "Running");
    wait_no_box(&browser);

    // Restart Windows Update from its right-click menu.
    let wu = row(&browser, "wuauserv");
    browser.context_click(&wu);
    assert!(!greyed(&menu_item(&browser, "restart")));
    menu_item(&browser, "restart").click();
    wait_no_box(&browser);
    assert_eq!(cell(&browser, "wuauserv", "status"), "Running");

    // Settings > Windows Update > Check for updates, then let the day go on.
    browser.find("#open-settings").click();
    // Restarting Windows Update cut off its stuck scan: the page offers Retry (or Check for
    // updates); either asks for a new scan.
    let label = browser.wait_until("Settings' button", TIMEOUT, || {
        text_of(&browser, "#wu-primary:not([disabled])")
    });
    assert!(
        ["Retry", "Check for updates"].contains(&label.as_str()),
        "{label}"
    );
    browser.find("#wu-primary").click();
    // The scan, download and install take a while: an hour at a time until a restart is due.
    for _ in 0..6 {
        if text_of(&browser, "#wu-headline").as_deref() == Some("Restart required") {
            break;
        }
        wait_on_taskbar(&browser, "1h");
        wait_no_box(&browser);
    }
    wait_text(&browser, "#wu-headline", "Restart required");
    wait_text(&browser, "#wu-primary", "Restart now");
    shot(&browser, "gui-settings");
    // The user said: restart whenever you like. Outside active hours the PC restarts itself.
    wait_on_taskbar(&browser, "8h");
    wait_no_box(&browser);

    // Event Viewer's System log lists what happened, newest first.
    browser.find("#open-eventvwr").click();
    browser.wait_until("the System log", TIMEOUT, || {
        (browser.find_all(".eventvwr tbody tr").len() > 3).then_some(())
    });
    shot(&browser, "gui-eventvwr");

    // Close the ticket with the right cause, from the ticket panel.
    let causes = browser.find_all("#causes li");
    let right = causes
        .iter()
        .position(|li| {
            li.text()
                .contains("The Update Orchestrator Service is not running")
        })
        .expect("the right cause is listed");
    browser
        .find(&format!("#causes li:nth-child({}) input", right + 1))
        .click();
    browser.find("#ticket-diagnose").click();
    let debrief = browser.wait_until("the debrief", TIMEOUT, || text_of(&browser, "#debrief"));
    assert!(debrief.contains("Goal met"), "{debrief}");
    let score = score_in(&debrief);

    // Quit: the server stops and the session file holds the GUI's steps.
    browser.find("#ticket-quit").click();
    let status = gui.wait_exit(Duration::from_secs(15));
    assert!(status.is_some_and(|s| s.success()), "{status:?}");
    let stdout = gui.rest_of_stdout();
    assert!(stdout.contains("Goal met"), "{stdout}");
    let record = gui.session_files().pop().expect("a session file");
    let record_arg = record.to_string_lossy().into_owned();
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&record).unwrap()).unwrap();
    let steps = file["steps"].as_array().unwrap();
    let lines: Vec<&str> = steps.iter().map(|s| s["text"].as_str().unwrap()).collect();
    assert!(steps.iter().all(|s| s["kind"] == "gui"), "{lines:?}");
    assert!(
        lines.contains(&"services.msc start \"Update Orchestrator Service\""),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"services.msc restart \"Windows Update\""),
        "{lines:?}"
    );
    assert!(lines.contains(&"settings check"), "{lines:?}");

    // wusim grade replays the clicks, with no browser, to the same score.
    let graded = std::process::Command::new(env!("CARGO_BIN_EXE_wusim"))
        .env("WUSIM_HOME", gui.home.path())
        .env("NO_COLOR", "1")
        .args(["grade", "--json", &record_arg])
        .output()
        .unwrap();
    let graded: Value = serde_json::from_slice(&graded.stdout).unwrap();
    assert_eq!(graded[0]["solved"], true, "{graded}");
    assert_eq!(graded[0]["score"], score, "{graded}");

    // The book's example is this very file: same steps, same kinds.
    let book: Value =
        serde_json::from_str(&std::fs::read_to_string(BOOK_SESSION).unwrap_or_default())
            .unwrap_or(Value::Null);
    let same = book["steps"] == file["steps"] && book["seed"] == file["seed"];
    if bless() && !same {
        std::fs::write(BOOK_SESSION, std::fs::read_to_string(&record).unwrap()).unwrap();
    } else {
        assert!(
            same,
            "{BOOK_SESSION} no longer records what the browser does: WUSIM_BLESS=1 cargo test --test gui rewrites it"
        );
    }
}

#[test]
fn a_disabled_service_shows_error_1058_and_is_set_to_manual_in_properties() {
    let Some(browser) = launch() else { return };
    let gui = Gui::start(&["windows-update-disabled", "--seed", "1"]);
    browser.goto(&gui.url());
    browser.find("#open-services").click();
    wait_text(
        &browser,
        "tr[data-service=\"wuauserv\"] td.startup",
        "Disabled",
    );

    // Keyboard: select the first row, then arrow down to Windows Update.
    row(&browser, "AppIDSvc").click();
    // The list is redrawn after each key, so it is looked up again each time.
    let list = || browser.find("#service-list");
    let mut guard = 0;
    while !row(&browser, "wuauserv")
        .attr("class")
        .is_some_and(|c| c.contains("selected"))
    {
        list().send_keys(keys::ARROW_DOWN);
        guard += 1;
        assert!(guard < 40, "arrow down never reached Windows Update");
    }
    // A Disabled service offers nothing: the toolbar's Start is greyed.
    assert_eq!(
        browser.find("#svc-start").prop("disabled"),
        Value::Bool(true)
    );
    // Shift+F10 opens the right-click menu on the selected row.
    browser.chord(&[keys::SHIFT, keys::F10]);
    assert!(greyed(&menu_item(&browser, "start")));
    browser.press_key(keys::ESCAPE);

    // Properties (Enter): change the Startup type to Manual and Apply.
    list().send_keys(keys::ENTER);
    let title = browser.wait_until("the Properties dialog", TIMEOUT, || {
        text_of(&browser, "#properties .title")
    });
    assert_eq!(title, "Windows Update Properties (Local Computer)");
    assert_eq!(browser.find("#startup-type").prop("value"), "disabled");
    assert_eq!(
        browser.find("#prop-start").prop("disabled"),
        Value::Bool(true)
    );
    browser
        .find("#startup-type option[value=\"manual\"]")
        .click();
    // Start stays grey until Apply.
    assert_eq!(
        browser.find("#prop-start").prop("disabled"),
        Value::Bool(true)
    );
    assert_eq!(
        browser.find("#prop-apply").prop("disabled"),
        Value::Bool(false)
    );
    shot(&browser, "gui-properties");
    browser.find("#prop-apply").click();
    wait_text(
        &browser,
        "tr[data-service=\"wuauserv\"] td.startup",
        "Manual",
    );
    browser.wait_until("Start to be enabled", TIMEOUT, || {
        (browser.find("#prop-start").prop("disabled") == Value::Bool(false)).then_some(())
    });
    browser.find("#prop-start").click();
    wait_text(&browser, "#service-status", "Running");
    browser.find("#prop-ok").click();

    // The Medic service refuses a new Startup type with the console's box.
    row(&browser, "WaaSMedicSvc").click();
    list().send_keys(keys::ENTER);
    browser.wait_until("its Properties", TIMEOUT, || {
        text_of(&browser, "#properties .title")
            .filter(|t| t.starts_with("Windows Update Medic Service"))
    });
    browser
        .find("#startup-type option[value=\"disabled\"]")
        .click();
    browser.find("#prop-apply").click();
    wait_text(&browser, "#message-text", "Access is denied.");
    browser.find("#message-ok").click();
    browser.find("#prop-cancel").click();
}

/// The error box's exact text when a Disabled service is started from the console.
#[test]
fn starting_a_disabled_service_shows_windows_error_box() {
    let Some(browser) = launch() else { return };
    let gui = Gui::start(&["windows-update-disabled", "--seed", "1"]);
    browser.goto(&gui.url());
    // The page holds no state: the server's answer to a posted Start is drawn as Windows'
    // box (the console itself greys Start for a Disabled service, as Windows does, so this
    // is what a stale list or a script would meet).
    browser.find("#open-services").click();
    row(&browser, "wuauserv").click();
    browser.execute(
        "act({kind: 'service', verb: 'start', service: 'wuauserv'})",
        &[],
    );
    let text = browser.wait_until("the error box", TIMEOUT, || {
        text_of(&browser, "#message-text").filter(|t| !t.is_empty())
    });
    assert_eq!(
        text,
        "Windows could not start the Windows Update service on Local Computer.\n\nError 1058: The service cannot be started, either because it is disabled or because it has no enabled devices associated with it."
    );
    assert_eq!(browser.find("#message-box .title").text(), "Services");
}

/// The score in a debrief's "Score: N" line.
fn score_in(debrief: &str) -> Value {
    debrief
        .lines()
        .find_map(|l| l.trim().strip_prefix("Score: "))
        .and_then(|s| s.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse::<u64>().ok())
        .map_or(Value::Null, Value::from)
}
