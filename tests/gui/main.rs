//! The GUI in a real browser: these tests drive a headless Chromium through chromedriver
//! with a small synchronous WebDriver client (`webdriver.rs`), clicking, right-clicking and
//! typing as a user would. Without `chromium` and `chromium-driver` installed they are skipped
//! (and fail when `$CI` is set, so CI cannot skip them silently).

#![allow(clippy::disallowed_methods)] // tests read the environment, sleep and start processes

mod api;
mod browser;
mod logic;
mod server;
mod webdriver;

use serde_json::json;
use webdriver::{Browser, TIMEOUT, data_url, keys};

/// The client itself, on a self-contained page: click, context click, typing, key presses,
/// scripts and screenshots.
#[test]
fn webdriver_drives_a_data_url_page() {
    let Some(browser) = Browser::launch() else {
        eprintln!("SKIPPED: install chromium and chromium-driver to run the GUI tests");
        return;
    };
    let page = r#"<!doctype html><title>self-test</title>
        <button id="go" onclick="setTimeout(() => {
            const out = document.querySelector('#out');
            out.textContent = 'clicked';
            out.oncontextmenu = e => { e.preventDefault(); document.querySelector('#menu').textContent = 'ctx'; };
        }, 100)">Go</button>
        <span id="out" title="output">idle</span> <span id="menu">-</span>
        <input id="name"> <ol id="keys"></ol>
        <script>
            document.addEventListener('keydown', e => {
                if (e.key === 'Shift') return;
                if (e.key === 'F5') e.preventDefault(); // F5 must not reload the page
                const li = document.createElement('li');
                li.textContent = (e.shiftKey ? 'Shift+' : '') + e.key;
                document.querySelector('#keys').append(li);
            });
        </script>"#;
    browser.goto(&data_url(page));
    browser.set_window_size(1024, 700);
    let out = browser.find("#out");
    assert_eq!(out.text(), "idle");
    assert_eq!(out.attr("title").as_deref(), Some("output"));
    assert_eq!(out.attr("lang"), None);
    assert!(browser.try_find("#missing").is_none());

    // The click's effect is delayed, so poll for it.
    browser.find("button").click();
    browser.wait_until("the button's effect", TIMEOUT, || {
        (out.text() == "clicked").then_some(())
    });

    // A right click runs the handler the click installed.
    browser.context_click(&out);
    assert_eq!(browser.find("#menu").text(), "ctx");

    // Typing, then special keys and a chord, recorded by the keydown listener.
    let input = browser.find("#name");
    input.send_keys("wuauserv");
    assert_eq!(input.prop("value"), json!("wuauserv"));
    browser.press_key(keys::F5);
    browser.press_key(keys::ARROW_DOWN);
    browser.chord(&[keys::SHIFT, keys::F10]);
    let pressed: Vec<String> = browser
        .find_all("#keys li")
        .iter()
        .map(|li| li.text())
        .collect();
    assert_eq!(pressed.len(), 8 + 3, "{pressed:?}"); // "wuauserv", then the three presses
    assert_eq!(pressed[8..], ["F5", "ArrowDown", "Shift+F10"]);
    assert_eq!(
        input.prop("value"),
        json!("wuauserv"),
        "F5 reloaded the page"
    );

    let result = browser.execute(
        "return {sum: arguments[0] + 2, id: arguments[1].id, title: document.title}",
        &[json!(40), input.json()],
    );
    assert_eq!(
        result,
        json!({"sum": 42, "id": "name", "title": "self-test"})
    );

    let png = browser.screenshot();
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n"),
        "not a PNG: {:?}",
        &png[..png.len().min(8)]
    );
}
