// wusim's desktop in the browser. The server owns the model: this script draws the Desktop
// JSON it sends and posts every click as an action. What it keeps is only how the screen
// looks (which windows are open, where, which row is selected), never the PC's state.
"use strict";

const TOKEN = new URLSearchParams(location.search).get("token") || "";
let tab = null;
let state = null; // { desktop, terminal } as the server last sent it
const ui = {
  open: new Set(),
  z: 10,
  selected: null, // service name selected in the console
  sort: { key: "display", down: false },
  view: "extended",
  props: null, // { service, tab, choice }
  settingsPage: "main",
  log: "system",
  event: 0,
  output: "",
};

// ---- talking to the server ----------------------------------------------------------

async function call(path, body) {
  const url = path + (tab ? "?tab=" + tab : "");
  const res = await fetch(url, {
    method: body === undefined ? "GET" : "POST",
    headers: { "X-Wusim-Token": TOKEN, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json();
  if (!res.ok) throw new Error(data.error || res.status);
  return data;
}

async function act(action) {
  let reply;
  try {
    reply = await call("/api/action", action);
  } catch (e) {
    showMessage({ title: "wusim", icon: "warning", text: String(e.message) });
    return null;
  }
  state = { desktop: reply.desktop, terminal: reply.terminal };
  const outcome = reply.outcome;
  // The ticket panel shows what a click printed, unless a window of its own shows it.
  if (!["line", "open", "properties"].includes(action.kind) && !outcome.troubleshooter) ui.output = outcome.output;
  render();
  await showBoxes(outcome);
  return outcome;
}

async function refresh() {
  state = await call("/api/state");
  render();
}

// ---- small helpers ------------------------------------------------------------------

const $ = (sel, root = document) => root.querySelector(sel);
const esc = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const svc = (name) => state.desktop.services.find((s) => s.name === name);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const ICONS = {
  gear: '<svg viewBox="0 0 24 24" class="icon"><circle cx="9" cy="10" r="5.5" fill="none" stroke="#6b6b6b" stroke-width="3" stroke-dasharray="2.6 1.7"/><circle cx="9" cy="10" r="2" fill="#6b6b6b"/><circle cx="17" cy="17" r="3.6" fill="none" stroke="#8a8a8a" stroke-width="2.4" stroke-dasharray="1.9 1.3"/></svg>',
  settings: '<svg viewBox="0 0 24 24" class="icon"><circle cx="12" cy="12" r="7" fill="none" stroke="#4a4a4a" stroke-width="3.2" stroke-dasharray="3 2"/><circle cx="12" cy="12" r="3" fill="none" stroke="#4a4a4a" stroke-width="2"/></svg>',
  events: '<svg viewBox="0 0 24 24" class="icon"><rect x="4" y="3" width="14" height="18" rx="1.5" fill="#fff" stroke="#5a5a5a"/><path d="M7 8h8M7 12h8M7 16h5" stroke="#2b6cb0" stroke-width="1.6"/><circle cx="18" cy="18" r="4" fill="#d9a400"/><path d="M18 16v2.5M18 19.6v.4" stroke="#000" stroke-width="1.3"/></svg>',
  terminal: '<svg viewBox="0 0 24 24" class="icon"><rect x="2" y="4" width="20" height="16" rx="2" fill="#1e1e1e"/><path d="M6 9l3 3-3 3M11 15h6" stroke="#ddd" stroke-width="1.6" fill="none"/></svg>',
  ticket: '<svg viewBox="0 0 24 24" class="icon"><rect x="4" y="3" width="16" height="18" rx="2" fill="#fff8d6" stroke="#9a7b00"/><path d="M8 8h8M8 12h8M8 16h5" stroke="#9a7b00" stroke-width="1.5"/></svg>',
  update: '<svg viewBox="0 0 48 48" class="wu-icon"><path d="M10 24a14 14 0 0 1 24-10" fill="none" stroke="#0067c0" stroke-width="4"/><path d="M34 6v9h-9" fill="none" stroke="#0067c0" stroke-width="4"/><path d="M38 24a14 14 0 0 1-24 10" fill="none" stroke="#0067c0" stroke-width="4"/><path d="M14 42v-9h9" fill="none" stroke="#0067c0" stroke-width="4"/></svg>',
};

const LEVEL_ICON = { Information: "lvl-info", Warning: "lvl-warn", Error: "lvl-error" };

// ---- windows ------------------------------------------------------------------------

const WINDOWS = {
  services: { title: "Services", icon: "gear", open: { kind: "open", window: "services" }, draw: drawServices, x: 40, y: 30, w: 900, h: 520 },
  settings: { title: "Settings", icon: "settings", open: { kind: "open", window: "settings" }, draw: drawSettings, x: 120, y: 50, w: 860, h: 560 },
  eventvwr: { title: "Event Viewer", icon: "events", open: { kind: "open", window: "system-log" }, draw: drawEvents, x: 80, y: 40, w: 960, h: 560 },
  terminal: { title: "Administrator: Command Prompt", icon: "terminal", open: null, draw: drawTerminal, x: 200, y: 120, w: 760, h: 440 },
  troubleshooter: { title: "Windows Update", icon: "update", open: null, draw: drawTroubleshooter, x: 260, y: 110, w: 560, h: 420 },
};

function openWindow(id) {
  const def = WINDOWS[id];
  const wasOpen = ui.open.has(id);
  ui.open.add(id);
  let el = document.getElementById(id);
  if (!el) {
    el = document.createElement("section");
    el.id = id;
    el.className = "window " + id;
    el.style.left = def.x + "px";
    el.style.top = def.y + "px";
    el.style.width = def.w + "px";
    el.style.height = def.h + "px";
    el.innerHTML =
      '<header class="titlebar"><span class="ticon">' + (ICONS[def.icon] || "") + '</span><span class="title">' + esc(def.title) +
      '</span><button class="close" title="Close" aria-label="Close">✕</button></header><div class="body"></div>';
    $("#windows").appendChild(el);
    $(".close", el).onclick = () => closeWindow(id);
    el.addEventListener("mousedown", () => raise(el));
    drag(el);
  }
  raise(el);
  if (!wasOpen && def.open) act(def.open);
  else render();
  if (id === "terminal") setTimeout(() => $("#terminal-input") && $("#terminal-input").focus(), 0);
}

function closeWindow(id) {
  ui.open.delete(id);
  const el = document.getElementById(id);
  if (el) el.remove();
  if (id === "settings") ui.settingsPage = "main";
  if (id === "eventvwr") { ui.log = "system"; ui.event = 0; }
  render();
}

function raise(el) {
  el.style.zIndex = ++ui.z;
  document.querySelectorAll(".window").forEach((w) => w.classList.toggle("active", w === el));
}

function drag(el) {
  const bar = $(".titlebar", el);
  bar.addEventListener("mousedown", (e) => {
    if (e.target.closest("button")) return;
    const sx = e.clientX - el.offsetLeft, sy = e.clientY - el.offsetTop;
    const move = (m) => { el.style.left = m.clientX - sx + "px"; el.style.top = Math.max(0, m.clientY - sy) + "px"; };
    const up = () => { removeEventListener("mousemove", move); removeEventListener("mouseup", up); };
    addEventListener("mousemove", move);
    addEventListener("mouseup", up);
  });
}

// ---- the whole screen -----------------------------------------------------------------

function render() {
  if (!state) return;
  const d = state.desktop;
  $("#clock").innerHTML = esc(d.clock) + "<br>" + esc(d.date);
  $("#elapsed").textContent = "Simulated time used: " + d.elapsed;
  for (const id of ui.open) {
    const el = document.getElementById(id);
    if (el) WINDOWS[id].draw($(".body", el), d);
  }
  document.querySelectorAll(".taskbar .app").forEach((b) => b.classList.toggle("running", ui.open.has(b.dataset.window)));
  drawTicket(d);
  drawProperties(d);
  if (d.question) showStopOthers(d.question);
}

// ---- Services (Local) ------------------------------------------------------------------

const COLUMNS = [["display", "Name"], ["description", "Description"], ["status", "Status"], ["startup", "Startup Type"], ["log_on_as", "Log On As"]];

function drawServices(body, d) {
  const s = ui.selected && svc(ui.selected);
  const verbs = s ? s.verbs : { start: false, stop: false, pause: false, resume: false, restart: false };
  const rows = [...d.services].sort((a, b) => {
    const k = ui.sort.key, r = String(a[k]).localeCompare(String(b[k]));
    return ui.sort.down ? -r : r;
  });
  const tool = (verb, glyph, tip) =>
    '<button class="tool" id="svc-' + verb + '" title="' + tip + '"' + (verbs[verb] ? "" : " disabled") + ">" + glyph + "</button>";
  const links = !s ? "" : ["start", "stop", "pause", "resume", "restart"].filter((v) => s.verbs[v])
    .map((v) => '<div><a href="#" class="svc-link" data-verb="' + v + '">' + v[0].toUpperCase() + v.slice(1) + "</a> the service</div>").join("");
  body.innerHTML =
    '<nav class="menubar"><span>File</span><span>Action</span><span>View</span><span>Help</span></nav>' +
    '<div class="toolbar"><button class="tool" disabled title="Back">◀</button><button class="tool" disabled title="Forward">▶</button><span class="sep"></span>' +
    '<button class="tool" id="svc-refresh" title="Refresh">⟳</button><span class="sep"></span>' +
    tool("start", "▶", "Start Service") + tool("stop", "■", "Stop Service") + tool("pause", "❚❚", "Pause Service") + tool("restart", "■▶", "Restart Service") +
    "</div>" +
    '<div class="mmc"><div class="tree"><div class="node selected">' + ICONS.gear + " Services (Local)</div></div>" +
    '<div class="result"><div class="panes">' +
    (ui.view === "extended"
      ? '<div class="extended"><h3>' + (s ? esc(s.display) : "") + "</h3>" + links +
        (s ? "<p><b>Description:</b><br>" + esc(s.description) + "</p>" : "<p>Select an item to view its description.</p>") + "</div>"
      : "") +
    '<div class="list" tabindex="0" id="service-list"><table class="report"><thead><tr>' +
    COLUMNS.map(([k, t]) => '<th data-key="' + k + '">' + t + (ui.sort.key === k ? (ui.sort.down ? " ▾" : " ▴") : "") + "</th>").join("") +
    "</tr></thead><tbody>" +
    rows.map((r) =>
      '<tr data-service="' + esc(r.name) + '"' + (r.name === ui.selected ? ' class="selected"' : "") + ">" +
      '<td class="name">' + ICONS.gear + esc(r.display) + "</td><td>" + esc(r.description) + '</td><td class="status">' + esc(r.status) +
      '</td><td class="startup">' + esc(r.startup) + "</td><td>" + esc(r.log_on_as) + "</td></tr>").join("") +
    "</tbody></table></div></div>" +
    '<div class="viewtabs"><button data-view="extended" class="' + (ui.view === "extended" ? "on" : "") + '">Extended</button><button data-view="standard" class="' +
    (ui.view === "standard" ? "on" : "") + '">Standard</button></div></div></div><footer class="statusbar"></footer>';
  body.querySelectorAll("th").forEach((th) => (th.onclick = () => {
    ui.sort = { key: th.dataset.key, down: ui.sort.key === th.dataset.key ? !ui.sort.down : false };
    render();
  }));
  body.querySelectorAll("tbody tr").forEach((tr) => {
    tr.onclick = () => { ui.selected = tr.dataset.service; render(); };
    tr.ondblclick = () => openProperties(tr.dataset.service);
    tr.oncontextmenu = (e) => { e.preventDefault(); ui.selected = tr.dataset.service; render(); contextMenu(e.clientX, e.clientY); };
  });
  body.querySelectorAll(".viewtabs button").forEach((b) => (b.onclick = () => { ui.view = b.dataset.view; render(); }));
  body.querySelectorAll(".svc-link").forEach((a) => (a.onclick = (e) => { e.preventDefault(); serviceVerb(a.dataset.verb); }));
  ["start", "stop", "pause", "restart"].forEach((v) => ($("#svc-" + v, body).onclick = () => serviceVerb(v)));
  $("#svc-refresh", body).onclick = refresh;
  const list = $("#service-list", body);
  list.onkeydown = (e) => serviceKeys(e, rows);
  if (document.activeElement === document.body) list.focus({ preventScroll: true });
  const sel = $("tr.selected", body);
  if (sel) sel.scrollIntoView({ block: "nearest" });
}

function serviceKeys(e, rows) {
  const i = rows.findIndex((r) => r.name === ui.selected);
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    const next = Math.min(rows.length - 1, Math.max(0, i + (e.key === "ArrowDown" ? 1 : -1)));
    ui.selected = rows[i < 0 ? 0 : next].name;
    render();
    $("#service-list").focus();
  } else if (e.key === "Enter" && ui.selected) openProperties(ui.selected);
  else if (e.key === "F5") refresh();
  else if ((e.key === "F10" && e.shiftKey) || e.key === "ContextMenu") {
    const tr = $('tr[data-service="' + ui.selected + '"]');
    if (tr) { const r = tr.getBoundingClientRect(); contextMenu(r.left + 40, r.bottom); }
  } else return;
  e.preventDefault();
}

function serviceVerb(verb) {
  const s = ui.selected && svc(ui.selected);
  if (!s || !s.verbs[verb]) return;
  hideMenu();
  act({ kind: "service", verb, service: s.name });
}

function contextMenu(x, y) {
  const s = svc(ui.selected);
  const item = (verb, label) => '<li data-verb="' + verb + '" class="' + (s.verbs[verb] ? "" : "disabled") + '">' + label + "</li>";
  const menu = $("#context-menu");
  menu.innerHTML =
    item("start", "Start") + item("stop", "Stop") + item("pause", "Pause") + item("resume", "Resume") + item("restart", "Restart") +
    '<li class="sep"></li><li class="sub">All Tasks<span>▸</span><ul>' + item("start", "Start") + item("stop", "Stop") + item("pause", "Pause") +
    item("resume", "Resume") + item("restart", "Restart") + '</ul></li><li class="sep"></li><li data-cmd="refresh">Refresh</li><li class="sep"></li>' +
    '<li data-cmd="properties" class="default">Properties</li><li class="sep"></li><li data-cmd="help">Help</li>';
  menu.style.left = x + "px";
  menu.style.top = y + "px";
  menu.hidden = false;
  menu.querySelectorAll("li[data-verb]").forEach((li) => (li.onclick = (e) => { e.stopPropagation(); if (!li.classList.contains("disabled")) serviceVerb(li.dataset.verb); }));
  $('li[data-cmd="refresh"]', menu).onclick = () => { hideMenu(); refresh(); };
  $('li[data-cmd="properties"]', menu).onclick = () => { hideMenu(); openProperties(ui.selected); };
  $('li[data-cmd="help"]', menu).onclick = hideMenu;
}

function hideMenu() { $("#context-menu").hidden = true; }

// ---- Properties ------------------------------------------------------------------------

const STARTUP = [["delayed", "Automatic (Delayed Start)"], ["automatic", "Automatic"], ["manual", "Manual"], ["disabled", "Disabled"]];

function openProperties(name) {
  ui.props = { service: name, tab: "general", choice: null };
  act({ kind: "properties", service: name });
}

function drawProperties(d) {
  let el = $("#properties");
  if (!ui.props) { if (el) el.remove(); return; }
  const s = svc(ui.props.service);
  if (!el) {
    el = document.createElement("section");
    el.id = "properties";
    el.className = "window dialog classic";
    $("#windows").appendChild(el);
  }
  raise(el);
  const p = ui.props;
  const choice = p.choice || s.startup_entry;
  const changed = p.choice && p.choice !== s.startup_entry;
  const btn = (verb, label) => '<button id="prop-' + verb + '"' + (s.verbs[verb] ? "" : " disabled") + ">" + label + "</button>";
  const tabs = [["general", "General"], ["logon", "Log On"], ["recovery", "Recovery"], ["dependencies", "Dependencies"]];
  let page = "";
  if (p.tab === "general") {
    page =
      '<div class="grid"><label>Service name:</label><span id="prop-name">' + esc(s.name) + "</span>" +
      '<label>Display name:</label><input readonly value="' + esc(s.display) + '">' +
      '<label>Description:</label><textarea readonly rows="3">' + esc(s.description) + "</textarea></div>" +
      '<label>Path to executable:</label><div class="path">' + esc(s.path) + "</div>" +
      '<div class="grid"><label for="startup-type"><u>S</u>tartup type:</label><select id="startup-type">' +
      STARTUP.map(([v, t]) => '<option value="' + v + '"' + (v === choice ? " selected" : "") + ">" + t + "</option>").join("") +
      "</select></div><hr>" +
      '<div class="grid"><label>Service status:</label><span id="service-status">' + esc(s.status_word) + "</span></div>" +
      '<div class="row">' + btn("start", "Start") + btn("stop", "Stop") + btn("pause", "Pause") + btn("resume", "Resume") + "</div>" +
      "<p>You can specify the start parameters that apply when you start the service from here.</p>" +
      '<div class="grid"><label>Start para<u>m</u>eters:</label><input' + (s.status_word === "Running" ? " disabled" : "") + "></div>";
  } else if (p.tab === "logon") {
    const system = s.log_on_as === "Local System";
    page = "<p>Log on as:</p><label><input type=radio disabled" + (system ? " checked" : "") + "> Local System account</label>" +
      '<label class="indent"><input type=checkbox disabled> Allow service to interact with desktop</label>' +
      "<label><input type=radio disabled" + (system ? "" : " checked") + '> This account: <input readonly value="' + (system ? "" : esc(s.log_on_as)) + '"></label>' +
      '<div class="grid"><label>Password:</label><input type=password readonly value="' + (system ? "" : "●●●●●●●●●●●●●●●") + '">' +
      '<label>Confirm password:</label><input type=password readonly value="' + (system ? "" : "●●●●●●●●●●●●●●●") + '"></div>';
  } else if (p.tab === "recovery") {
    const sel = (label) => '<label>' + label + '</label><select disabled><option>Take No Action</option><option>Restart the Service</option><option>Run a Program</option><option>Restart the Computer</option></select>';
    page = "<p>Select the computer's response if this service fails.</p>" +
      '<div class="grid">' + sel("First failure:") + sel("Second failure:") + sel("Subsequent failures:") +
      '<label>Reset fail count after:</label><span><input disabled value="1" size=4> days</span><label>Restart service after:</label><span><input disabled value="1" size=4> minutes</span></div>' +
      "<label><input type=checkbox disabled> Enable actions for stops with errors.</label>";
  } else {
    const list = (names) => '<ul class="deps">' + (names.length ? names.map((n) => "<li>" + esc(n) + "</li>").join("") : "<li>&lt;No Dependencies&gt;</li>") + "</ul>";
    page = "<p>Some services depend on other services, system drivers or load order groups. If a system component is stopped, or is not running properly, dependent services can be affected.</p>" +
      "<p><b>" + esc(s.display) + "</b></p><p>This service depends on the following system components:</p>" + list(s.depends_on) +
      "<p>The following system components depend on this service:</p>" + list(s.dependents);
  }
  el.innerHTML =
    '<header class="titlebar"><span class="title">' + esc(s.display) + ' Properties (Local Computer)</span><button class="close" aria-label="Close">✕</button></header>' +
    '<div class="sheet"><div class="tabs">' + tabs.map(([k, t]) => '<button data-tab="' + k + '" class="' + (p.tab === k ? "on" : "") + '">' + t + "</button>").join("") + "</div>" +
    '<div class="page">' + page + "</div>" +
    '<div class="commit"><button id="prop-ok">OK</button><button id="prop-cancel">Cancel</button><button id="prop-apply"' + (changed ? "" : " disabled") + ">Apply</button></div></div>";
  $(".close", el).onclick = $("#prop-cancel", el).onclick = () => { ui.props = null; render(); };
  el.querySelectorAll(".tabs button").forEach((b) => (b.onclick = () => { p.tab = b.dataset.tab; render(); }));
  const type = $("#startup-type", el);
  if (type) type.onchange = () => { p.choice = type.value; render(); };
  ["start", "stop", "pause", "resume"].forEach((v) => { const b = $("#prop-" + v, el); if (b) b.onclick = () => act({ kind: "service", verb: v, service: s.name }); });
  const apply = async () => {
    if (!changed) return true;
    const outcome = await act({ kind: "startup", service: s.name, startup: p.choice });
    if (outcome && outcome.exit_code === 0) p.choice = null;
    return outcome && outcome.exit_code === 0;
  };
  $("#prop-apply", el).onclick = apply;
  $("#prop-ok", el).onclick = async () => { if (await apply()) { ui.props = null; render(); } };
}

// ---- dialogs ----------------------------------------------------------------------------

async function showBoxes(outcome) {
  for (const p of outcome.progress) {
    const box = $("#service-control");
    $(".text", box).innerHTML = "Windows is attempting to " + esc(p.verb) + " the following service on Local Computer...<br><br>" + esc(p.service);
    box.hidden = false;
    $(".bar i", box).style.animation = "none";
    void box.offsetWidth;
    $(".bar i", box).style.animation = "";
    await sleep(350);
    box.hidden = true;
  }
  if (outcome.message) showMessage(outcome.message);
  if (outcome.troubleshooter) {
    ui.troubleshooter = outcome.troubleshooter;
    openWindow("troubleshooter");
  }
}

function showMessage(m) {
  const box = $("#message-box");
  $(".title", box).textContent = m.title;
  $(".mb-icon", box).className = "mb-icon " + m.icon;
  $("#message-text").textContent = m.text;
  box.hidden = false;
  $("#message-ok").focus();
}

function showStopOthers(q) {
  const box = $("#stop-others");
  $(".lead", box).textContent = "When " + q.service + " stops, these other services will also stop.";
  $("ul", box).innerHTML = q.dependents.map((n) => "<li>" + esc(n) + "</li>").join("");
  box.hidden = false;
}

// ---- Settings > Windows Update ----------------------------------------------------------

function drawSettings(body, d) {
  const st = d.settings, page = st.page, w11 = d.windows11;
  body.parentElement.classList.toggle("win10", !w11);
  const nav = w11
    ? ["Home", "System", "Bluetooth & devices", "Network & internet", "Personalization", "Apps", "Accounts", "Time & language", "Gaming", "Accessibility", "Privacy & security", "Windows Update"]
    : ["Windows Update", "Delivery Optimization", "Windows Security", "Backup", "Troubleshoot", "Recovery", "Activation"];
  const navHtml = '<nav class="snav">' + (w11 ? "" : "<h4>Update &amp; Security</h4>") +
    nav.map((n) => {
      const target = n === "Windows Update" ? "main" : n === "System" || n === "Troubleshoot" ? "troubleshoot" : null;
      const on = (target === "main" && ui.settingsPage !== "troubleshoot") || (target === "troubleshoot" && ui.settingsPage === "troubleshoot");
      return '<a href="#" class="' + (on ? "on" : "") + (target ? "" : " inert") + '" data-page="' + (target || "") + '">' + esc(n) + "</a>";
    }).join("") + "</nav>";
  let main = "";
  const crumb = (t) => '<h1 class="crumb"><a href="#" data-page="main">Windows Update</a> <span>›</span> ' + t + "</h1>";
  if (ui.settingsPage === "history") {
    main = crumb("Update history") + (page.status === "something-went-wrong" ? "" :
      st.history.groups.map(([g, entries]) => '<div class="card group"><h3>' + esc(g) + " (" + entries.length + ")</h3>" +
        entries.map((e) => '<div class="hist"><div>' + esc(e.title) + '</div><div class="sub">' + esc(e.status) + "</div></div>").join("") + "</div>").join("") +
      (st.history.groups.length ? "" : '<p class="sub">No updates have been installed yet.</p>'));
  } else if (ui.settingsPage === "policies") {
    main = crumb("Configured update policies") + "<h3>Policies set on your device</h3>" +
      (st.policies.length ? st.policies.map((p) => '<div class="card"><div>' + esc(p) + '</div><div class="sub">Type of policy: Group Policy</div></div>').join("") : '<p class="sub">No update policies are set on this device.</p>');
  } else if (ui.settingsPage === "advanced") {
    const hours = (id, v) => '<select id="' + id + '">' + Array.from({ length: 24 }, (_, h) => '<option value="' + h + '"' + (h === v ? " selected" : "") + ">" +
      ((h % 12) || 12) + ":00 " + (h < 12 ? "AM" : "PM") + "</option>").join("") + "</select>";
    main = crumb("Advanced options") +
      '<div class="card"><div>Active hours</div><div class="sub">We won\'t restart your device during these hours · Currently ' + esc(st.active_hours_text) + "</div>" +
      '<div class="hours"><label>Start time ' + hours("ah-start", st.active_hours[0]) + "</label><label>End time " + hours("ah-end", st.active_hours[1]) + "</label></div></div>" +
      '<div class="card row"><div>Download updates over metered connections<div class="sub">' +
        (st.metered_network ? "This PC's connection is metered" : "This PC's connection is not metered") + '</div></div><label class="toggle">' +
        (st.download_over_metered ? "On" : "Off") + ' <input type="checkbox" id="metered-toggle"' + (st.download_over_metered ? " checked" : "") + "></label></div>" +
      '<div class="card"><div>Notify me when a restart is required to finish updating</div><div class="sub">Off</div></div>' +
      (st.policies.length ? '<div class="card link" data-page="policies"><div>Configured update policies</div></div>' : "");
  } else if (ui.settingsPage === "troubleshoot") {
    main = '<h1>' + (w11 ? "System <span>›</span> Troubleshoot <span>›</span> Other troubleshooters" : "Troubleshoot <span>›</span> Additional troubleshooters") + "</h1>" +
      (w11 ? '<h3 class="sub">Most frequent</h3>' : "") +
      '<div class="card row"><div>' + ICONS.update + " Windows Update</div><button id=\"run-troubleshooter\" class=\"fluent\">" +
      (w11 ? "Run" : "Run the troubleshooter") + "</button></div>";
  } else {
    main = drawUpdatePage(d);
  }
  body.innerHTML = '<div class="settings-shell">' + navHtml + '<main class="spage">' + main + "</main></div>";
  body.querySelectorAll("[data-page]").forEach((a) => (a.onclick = (e) => {
    e.preventDefault();
    const target = a.dataset.page;
    if (!target) return;
    ui.settingsPage = target;
    const open = { history: "update-history", policies: "update-policies", advanced: "advanced-options" }[target];
    if (open) act({ kind: "open", window: open }); else render();
  }));
  const primary = $("#wu-primary", body);
  if (primary && primary.dataset.action) primary.onclick = () => act(JSON.parse(primary.dataset.action));
  const feature = $("#wu-feature", body);
  if (feature) feature.onclick = () => act({ kind: "settings", button: "install-feature" });
  const pause = $("#wu-pause", body);
  if (pause) pause.onchange = () => pause.value && act({ kind: "pause", weeks: Number(pause.value) });
  const pauseWeek = $("#wu-pause-week", body);
  if (pauseWeek) pauseWeek.onclick = () => act({ kind: "pause", weeks: 1 });
  const start = $("#ah-start", body), end = $("#ah-end", body);
  if (start) start.onchange = end.onchange = () => act({ kind: "active-hours", start: Number(start.value), end: Number(end.value) });
  const metered = $("#metered-toggle", body);
  if (metered) metered.onchange = () => act({ kind: "metered", on: metered.checked });
  const run = $("#run-troubleshooter", body);
  if (run) run.onclick = () => act({ kind: "settings", button: "troubleshoot" });
}

function drawUpdatePage(d) {
  const st = d.settings, page = st.page, w11 = d.windows11;
  const status = page.status;
  const anyPending = (s) => page.updates.some((u) => u.status === s);
  const busy = page.updates.some((u) => /ing - /.test(u.status));
  let button = null;
  if (status === "up-to-date") button = ["Check for updates", { kind: "settings", button: "check" }];
  else if (status === "checking") button = ["Check for updates", null];
  else if (status === "error") button = ["Retry", { kind: "settings", button: "check" }];
  else if (status === "restart-required") button = ["Restart now", { kind: "settings", button: "restart" }];
  else if (status === "paused") button = ["Resume updates", { kind: "settings", button: "resume" }];
  else if (status === "updates-available") {
    if (busy) button = [w11 ? "Download & install all" : "Download", null];
    else if (anyPending("Pending download")) button = [w11 ? "Download & install all" : "Download", { kind: "settings", button: "download" }];
    else if (anyPending("Pending install")) button = ["Install now", { kind: "settings", button: "install" }];
  }
  if (button && button[1] === null) button.push("disabled");
  if (status !== "something-went-wrong" && st.check_removed && button && button[1] && button[1].button === "check") button = [button[0], null];
  const badge = { "up-to-date": "ok", error: "bad", "something-went-wrong": "bad", paused: "pause", "restart-required": "warn" }[status] || "";
  const notes = page.notes.filter((n) => !n.endsWith("Download and install"));
  const offer = page.notes.find((n) => n.endsWith("Download and install"));
  const org = page.organization.map((l) => l.startsWith("View configured") ? '<a href="#" data-page="policies">' + esc(l) + "</a>" : '<div class="org">' + esc(l) + "</div>").join("");
  return "<h1>Windows Update</h1>" + org +
    '<div class="wu-header"><span class="wu-badge ' + badge + '">' + ICONS.update + "</span><div>" +
    '<div id="wu-headline" class="headline' + (page.headline.length > 60 ? " long" : "") + '">' + esc(page.headline) + "</div>" +
    notes.map((n) => '<div class="sub">' + esc(n) + "</div>").join("") +
    (page.last_checked && status !== "checking" ? '<div class="sub" id="wu-last-checked">' + esc(page.last_checked) + "</div>" : "") +
    "</div>" + (button ? '<button id="wu-primary" class="fluent accent"' + (button[1] ? " data-action='" + esc(JSON.stringify(button[1])) + "'" : " disabled") + ">" + esc(button[0]) + "</button>" : "") + "</div>" +
    (offer ? '<div class="card offer"><div>' + esc(offer.replace(/ Download and install$/, "")) + (w11 ? "" : '<div><a href="#" class="inert">Stay on Windows 10 for now</a></div>') +
      '</div><button id="wu-feature" class="fluent accent">Download and install</button></div>' : "") +
    page.updates.map((u) => '<div class="card wu-update"><div class="t">' + esc(u.title) + '</div><div class="s">' + (w11 ? "" : "Status: ") + esc(u.status) + "</div></div>").join("") +
    (status === "something-went-wrong" ? "" :
      '<h3 class="more">More options</h3>' +
      '<div class="card row"><div>Pause updates</div><div>' + (st.pause_removed ? '<button class="fluent" disabled>Pause for 1 week</button>' :
        '<button id="wu-pause-week" class="fluent">' + (st.paused ? "Extend for 1 week" : "Pause for 1 week") + '</button> <select id="wu-pause" aria-label="Pause for longer"><option value="">▾</option>' +
        [1, 2, 3, 4, 5].map((w) => '<option value="' + w + '">Pause for ' + w + " week" + (w > 1 ? "s" : "") + "</option>").join("") + "</select>") + "</div></div>" +
      '<div class="card link" data-page="history"><div>Update history</div><span>›</span></div>' +
      '<div class="card link" data-page="advanced"><div>Advanced options<div class="sub">Delivery optimization, optional updates, active hours, other update settings</div></div><span>›</span></div>' +
      '<div class="card link" data-page="troubleshoot"><div>Troubleshoot<div class="sub">' + (w11 ? "System › Troubleshoot › Other troubleshooters" : "Additional troubleshooters") + "</div></div><span>›</span></div>");
}

// ---- the troubleshooter -----------------------------------------------------------------

function drawTroubleshooter(body) {
  const lines = (ui.troubleshooter || "").trim().split("\n");
  body.innerHTML = '<div class="wizard"><h2 class="instruction">' + esc(lines[0] || "") + "</h2>" +
    '<pre class="report">' + esc(lines.slice(1).join("\n").trim()) + "</pre>" +
    '<a href="#" id="close-troubleshooter">Close the troubleshooter</a></div>';
  $("#close-troubleshooter", body).onclick = (e) => { e.preventDefault(); closeWindow("troubleshooter"); };
}

// ---- Event Viewer -----------------------------------------------------------------------

function drawEvents(body, d) {
  const rows = ui.log === "system" ? d.events.system : d.events.update;
  const path = ui.log === "system" ? d.events.paths[0] : d.events.paths[1];
  const name = ui.log === "system" ? "System" : "Operational";
  if (ui.event >= rows.length) ui.event = 0;
  const e = rows[ui.event];
  const node = (log, label, depth) => '<div class="node d' + depth + (log ? " log" : "") + (log === ui.log ? " selected" : "") + '"' + (log ? ' data-log="' + log + '"' : "") + ">" + label + "</div>";
  body.innerHTML =
    '<nav class="menubar"><span>File</span><span>Action</span><span>View</span><span>Help</span></nav>' +
    '<div class="mmc"><div class="tree">' + node(null, "Event Viewer (Local)", 0) + node(null, "Custom Views", 1) + node(null, "Windows Logs", 1) +
    node(null, "Application", 2) + node(null, "Security", 2) + node(null, "Setup", 2) + node("system", "System", 2) + node(null, "Forwarded Events", 2) +
    node(null, "Applications and Services Logs", 1) + node(null, "Microsoft", 2) + node(null, "Windows", 3) + node(null, "WindowsUpdateClient", 4) +
    node("update", "Operational", 5) + node(null, "Subscriptions", 1) + "</div>" +
    '<div class="result"><div class="loghead" title="' + esc(path) + '"><b>' + name + "</b>&nbsp;&nbsp; Number of events: " + rows.length.toLocaleString("en-US") + "</div>" +
    '<div class="list events"><table class="report"><thead><tr><th>Level</th><th>Date and Time</th><th>Source</th><th>Event ID</th><th>Task Category</th></tr></thead><tbody>' +
    rows.map((r, i) => '<tr data-event="' + i + '"' + (i === ui.event ? ' class="selected"' : "") + '><td><i class="lvl ' + LEVEL_ICON[r.level] + '"></i>' + esc(r.level) +
      "</td><td>" + esc(r.time) + "</td><td>" + esc(r.source) + '</td><td class="num">' + r.id + "</td><td>" + esc(r.task) + "</td></tr>").join("") +
    "</tbody></table></div>" +
    (e ? '<div class="preview"><div class="ptitle">Event ' + e.id + ", " + esc(e.source) + '</div><div class="ptabs"><b>General</b> Details</div><pre id="event-message">' + esc(e.message) + "</pre>" +
      '<div class="fields"><label>Log Name:</label><span>' + esc(ui.log === "system" ? "System" : "Microsoft-Windows-WindowsUpdateClient/Operational") + "</span><label>Source:</label><span>" + esc(e.source) +
      "</span><label>Logged:</label><span>" + esc(e.time) + "</span><label>Event ID:</label><span>" + e.id + "</span><label>Task Category:</label><span>" + esc(e.task) +
      "</span><label>Level:</label><span>" + esc(e.level) + "</span><label>User:</label><span>" + (e.source === "Service Control Manager" ? "N/A" : "SYSTEM") +
      "</span><label>Computer:</label><span>DESKTOP-WUSIM</span></div></div>" : "") +
    "</div></div>";
  body.querySelectorAll(".node.log").forEach((n) => (n.onclick = () => {
    if (ui.log === n.dataset.log) return;
    ui.log = n.dataset.log;
    ui.event = 0;
    act({ kind: "open", window: ui.log === "system" ? "system-log" : "update-log" });
  }));
  body.querySelectorAll("tbody tr").forEach((tr) => (tr.onclick = () => { ui.event = Number(tr.dataset.event); render(); }));
}

// ---- the terminal -----------------------------------------------------------------------

function drawTerminal(body) {
  let pre = $("#terminal-text", body);
  if (!pre) {
    body.innerHTML = '<pre id="terminal-text"></pre><form id="terminal-form"><input id="terminal-input" autocomplete="off" spellcheck="false" aria-label="Command"></form>';
    pre = $("#terminal-text", body);
    $("#terminal-form", body).onsubmit = (e) => {
      e.preventDefault();
      const input = $("#terminal-input", body);
      const text = input.value;
      input.value = "";
      act({ kind: "line", text });
    };
  }
  pre.textContent = state.terminal;
  pre.scrollTop = pre.scrollHeight;
}

// ---- the ticket panel -------------------------------------------------------------------

function drawTicket(d) {
  const t = d.ticket;
  const panel = $("#ticket");
  const over = t.state !== "playing";
  panel.innerHTML =
    "<h2>" + esc(t.title) + '</h2><div class="sub">' + esc(t.difficulty) + " · " + esc(d.os) + "</div>" +
    t.briefing.split(/\n\s*\n/).map((p) => '<p class="briefing">' + esc(p.replace(/\s*\n\s*/g, " ")) + "</p>").join("") +
    (over ? "" : '<div class="row"><button id="ticket-hint">Hint (' + t.hints_used + "/" + t.hints_total + ')</button><button id="ticket-check">Check</button><button id="ticket-undo">Undo</button></div>') +
    (ui.output ? '<pre id="ticket-output">' + esc(ui.output.trim()) + "</pre>" : "") +
    (t.causes.length && !over ? '<h3>Close the ticket</h3><ol id="causes">' + t.causes.map((c, i) => '<li><label><input type=checkbox value="' + (i + 1) + '"> ' + esc(c) + "</label></li>").join("") +
      '</ol><button id="ticket-diagnose">Close the ticket with these causes</button>' : "") +
    (t.debrief ? '<h3>Debrief</h3><pre id="debrief">' + esc(t.debrief.trim()) + "</pre>" : "") +
    '<div class="row end"><button id="ticket-quit">' + (over ? "Close wusim" : "Quit") + "</button></div>";
  const on = (id, f) => { const b = $("#" + id, panel); if (b) b.onclick = f; };
  on("ticket-hint", () => act({ kind: "ticket", word: "hint" }));
  on("ticket-check", () => act({ kind: "ticket", word: "check" }));
  on("ticket-undo", () => act({ kind: "ticket", word: "undo" }));
  on("ticket-diagnose", () => {
    const picks = [...panel.querySelectorAll("#causes input:checked")].map((i) => Number(i.value));
    if (picks.length) act({ kind: "diagnose", picks });
  });
  on("ticket-quit", quit);
}

async function quit() {
  await call("/api/quit", {});
  document.body.innerHTML = '<div class="goodbye">wusim has stopped. Your attempt is saved; the terminal where you started wusim shows where.</div>';
}

// ---- start ------------------------------------------------------------------------------

function taskbar() {
  $("#taskbar-apps").innerHTML = ["services", "settings", "eventvwr", "terminal"]
    .map((id) => '<button class="app" id="open-' + id + '" data-window="' + id + '" title="' + esc(WINDOWS[id].title) + '">' + ICONS[WINDOWS[id].icon] + "</button>").join("");
  document.querySelectorAll(".taskbar .app").forEach((b) => (b.onclick = () => openWindow(b.dataset.window)));
  $("#wait-button").onclick = () => act({ kind: "wait", duration: $("#wait-select").value });
  $("#message-ok").onclick = () => { $("#message-box").hidden = true; };
  $("#stop-yes").onclick = () => { $("#stop-others").hidden = true; act({ kind: "answer", yes: true }); };
  $("#stop-no").onclick = () => { $("#stop-others").hidden = true; act({ kind: "answer", yes: false }); };
  $("#service-control .close-sc").onclick = () => { $("#service-control").hidden = true; };
  document.addEventListener("click", (e) => { if (!e.target.closest("#context-menu")) hideMenu(); });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { hideMenu(); $("#message-box").hidden = true; }
    if (e.key === "Enter" && !$("#message-box").hidden) { e.preventDefault(); $("#message-box").hidden = true; }
  });
}

async function main() {
  $("#desktop").innerHTML =
    '<div id="windows"></div><aside id="ticket"></aside><ul id="context-menu" class="menu" hidden></ul>' +
    '<div id="service-control" class="modal" hidden><div class="box classic"><header class="titlebar"><span class="title">Service Control</span></header><div class="text"></div><div class="bar"><i></i></div><button class="close-sc">Close</button></div></div>' +
    '<div id="message-box" class="modal" hidden><div class="box classic"><header class="titlebar"><span class="title">Services</span></header><div class="mb"><span class="mb-icon"></span><pre id="message-text"></pre></div><div class="commit"><button id="message-ok">OK</button></div></div></div>' +
    '<div id="stop-others" class="modal" hidden><div class="box classic"><header class="titlebar"><span class="title">Stop Other Services</span></header><div class="mb"><span class="mb-icon warning"></span><div><p class="lead"></p><ul class="deps"></ul><p>Do you want to stop these services?</p></div></div><div class="commit"><button id="stop-yes">Yes</button><button id="stop-no">No</button></div></div></div>' +
    '<footer class="taskbar"><div id="taskbar-apps"></div><div class="tray"><span id="elapsed"></span><select id="wait-select" title="Let simulated time pass"><option value="1m">1 minute</option><option value="10m" selected>10 minutes</option><option value="1h">1 hour</option><option value="8h">8 hours</option><option value="1d">1 day</option></select><button id="wait-button">Wait</button><span id="clock"></span></div></footer>';
  taskbar();
  try {
    tab = (await call("/api/hello", {})).tab;
    await refresh();
  } catch (e) {
    document.body.innerHTML = '<div class="goodbye">' + esc(e.message) + "</div>";
    return;
  }
  addEventListener("pagehide", () => navigator.sendBeacon("/api/bye?tab=" + tab + "&token=" + TOKEN));
  setInterval(() => call("/api/state").then((s) => { if (!document.querySelector(".modal:not([hidden])")) { state = s; render(); } }).catch(() => {}), 10000);
}

main();
