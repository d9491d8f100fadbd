// pyconductor UI: the few behaviours server-rendered pages cannot have on their own.
// Every action calls the REST API under /api, exactly as an SDK would. The custom header tells
// the server this request comes from the UI page (it then accepts the UI's sign-in cookie);
// browsers never let another site send it without a CORS preflight, which this server refuses.
"use strict";

const UI_HEADER = { "X-Requested-With": "pyconductor-ui" };
const LIVE_INTERVAL_MS = 1500;
const LIST_INTERVAL_MS = 5000;

async function api(method, path, body) {
  const init = { method, headers: { ...UI_HEADER }, credentials: "same-origin" };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch("/api" + path, init);
  const text = await response.text();
  let data = text;
  try { data = text ? JSON.parse(text) : null; } catch (e) { /* plain-text answers (ids) */ }
  if (!response.ok) {
    const error = new Error(errorText(data, response.status));
    error.status = response.status;
    throw error;
  }
  return data;
}

// Conductor's error body, as a person reads it: the message, then each validation error.
function errorText(data, status) {
  if (data && typeof data === "object") {
    const lines = [data.message || ("HTTP " + status)];
    for (const v of data.validationErrors || []) {
      lines.push((v.path ? v.path + ": " : "") + v.message);
    }
    return lines.join("\n");
  }
  return (typeof data === "string" && data) ? data : "HTTP " + status;
}

function toast(message, bad) {
  const box = document.getElementById("toast");
  if (!box) return;
  box.textContent = message;
  box.className = bad ? "bad" : "good";
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, bad ? 8000 : 3000);
}

function showFormError(form, message) {
  const slot = form.querySelector(".form-error");
  if (slot) {
    slot.textContent = message || "";
    slot.hidden = !message;
  } else if (message) {
    toast(message, true);
  }
}

function parseJson(text, what) {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(what + " is not valid JSON: " + e.message);
  }
}

// ---- copy buttons -----------------------------------------------------------------------

document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const source = document.querySelector(button.dataset.copy);
  if (!source) return;
  try {
    await navigator.clipboard.writeText(source.textContent);
    toast("Copied");
  } catch (e) {
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    toast("Selected: press Ctrl+C to copy");
  }
});

// ---- executions list --------------------------------------------------------------------

function pickedIds() {
  return Array.from(document.querySelectorAll("input.pick:checked")).map((box) => box.value);
}

const BULK = {
  terminate: (ids) => api("POST", "/workflow/bulk/terminate", ids),
  pause: (ids) => api("PUT", "/workflow/bulk/pause", ids),
  resume: (ids) => api("PUT", "/workflow/bulk/resume", ids),
  retry: (ids) => api("POST", "/workflow/bulk/retry", ids),
  restart: (ids) => api("POST", "/workflow/bulk/restart", ids),
};

document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-bulk]");
  if (!button) return;
  const ids = pickedIds();
  if (!ids.length) { toast("Select executions first", true); return; }
  const verb = button.dataset.bulk;
  if (verb === "terminate" && !confirm("Terminate " + ids.length + " execution(s)?")) return;
  try {
    const result = await BULK[verb](ids);
    const failed = Object.keys((result && result.bulkErrorResults) || {});
    const done = ((result && result.bulkSuccessfulResults) || []).length;
    toast(verb + ": " + done + " done" + (failed.length ? ", " + failed.length + " refused" : ""), failed.length > 0);
    refreshResults();
  } catch (e) {
    toast(e.message, true);
  }
});

document.addEventListener("change", (event) => {
  if (event.target.id === "select-all") {
    for (const box of document.querySelectorAll("input.pick")) box.checked = event.target.checked;
  }
  if (event.target.id === "auto-refresh") {
    const url = new URL(window.location.href);
    url.searchParams.set("refresh", event.target.checked ? "1" : "0");
    history.replaceState(null, "", url);
    const hidden = document.querySelector("input[name=refresh]");
    if (hidden) hidden.value = event.target.checked ? "1" : "0";
  }
});

async function refreshResults() {
  const holder = document.getElementById("results");
  if (!holder) return;
  const url = new URL(window.location.href);
  url.searchParams.set("fragment", "1");
  const picked = new Set(pickedIds());
  const response = await fetch(url, { headers: UI_HEADER, credentials: "same-origin" });
  if (!response.ok) return;
  holder.innerHTML = await response.text();
  for (const box of holder.querySelectorAll("input.pick")) box.checked = picked.has(box.value);
}

function startListRefresh() {
  if (!document.getElementById("results")) return;
  setInterval(() => {
    const toggle = document.getElementById("auto-refresh");
    if (toggle && toggle.checked && !document.hidden) refreshResults().catch(() => {});
  }, LIST_INTERVAL_MS);
}

// ---- execution page ---------------------------------------------------------------------

function liveBox() { return document.getElementById("live"); }

function selectedTaskId() {
  return new URL(window.location.href).searchParams.get("task");
}

async function refreshExecution(force) {
  const box = liveBox();
  if (!box) return;
  const url = new URL(window.location.href);
  url.searchParams.set("fragment", "1");
  const response = await fetch(url, { headers: UI_HEADER, credentials: "same-origin" });
  if (!response.ok) return;
  const html = await response.text();
  const doc = new DOMParser().parseFromString("<div id='x'>" + html + "</div>", "text/html");
  // The fragment carries its version in the status badge's data; compare whole text cheaply.
  if (!force && html === box.dataset.html) return;
  const openTab = box.querySelector(".tabs [aria-selected=true]");
  const tab = openTab ? openTab.dataset.tab : null;
  const typing = box.querySelector(".complete-form textarea:focus, .complete-form input:focus");
  if (typing && !force) return; // never wipe what somebody is typing
  const view = saveView();
  box.innerHTML = doc.getElementById("x").innerHTML;
  box.dataset.html = html;
  box.dataset.terminal = box.querySelector(".live-note").textContent.trim() === "Finished" ? "1" : "0";
  restoreView(view);
  if (tab) selectTab(tab);
  markSelectedNode();
}

function startExecutionLive() {
  const box = liveBox();
  if (!box) return;
  markSelectedNode();
  setInterval(() => {
    if (document.hidden) return;
    refreshExecution(false).catch(() => {});
  }, LIVE_INTERVAL_MS);
}

async function openTask(taskId) {
  const url = new URL(window.location.href);
  if (taskId) url.searchParams.set("task", taskId); else url.searchParams.delete("task");
  history.pushState(null, "", url);
  await refreshExecution(true);
  const panel = document.getElementById("task-panel");
  if (panel) panel.querySelector("h2").setAttribute("tabindex", "-1"), panel.querySelector("h2").focus();
}

window.addEventListener("popstate", () => { if (liveBox()) refreshExecution(true); });

// The task table's pages and status filters: the same page at another URL (?tasks_page=,
// ?tasks_status=), fetched like a live refresh so the diagram keeps its zoom and the page its
// scroll position; without this script the links simply navigate.
document.addEventListener("click", async (event) => {
  const link = event.target.closest("a[data-tasks-view]");
  if (!link || !liveBox() || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  const url = new URL(link.href);
  const jump = !link.closest("#tasks"); // from the failure box: bring the table into view
  url.hash = "";
  history.pushState(null, "", url);
  await refreshExecution(true);
  if (jump) document.getElementById("tasks").scrollIntoView({ block: "start" });
});

document.addEventListener("click", (event) => {
  if (!liveBox()) return;
  const close = event.target.closest("[data-close-panel]");
  if (close) { event.preventDefault(); openTask(null); return; }
  const more = event.target.closest("svg [data-task-ids]");
  if (more) { // a collapsed group of branches: their rows are in the task table
    const table = document.querySelector("table.tasks");
    if (table) table.scrollIntoView({ behavior: "smooth" });
    return;
  }
  const link = event.target.closest("a[data-task-id]");
  const node = event.target.closest("svg [data-task-id]");
  const target = link || node;
  if (!target || !target.dataset.taskId) return;
  if (node && event.target.closest("a[href]") && !link) return; // sub-workflow links navigate
  event.preventDefault();
  openTask(target.dataset.taskId);
});

document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" && event.key !== " ") return;
  const node = event.target.closest && event.target.closest("svg [data-task-id]");
  if (!node || !node.dataset.taskId) return;
  event.preventDefault();
  openTask(node.dataset.taskId);
});

function markSelectedNode() {
  const id = selectedTaskId();
  for (const node of document.querySelectorAll("svg [data-task-id]")) {
    node.classList.toggle("selected", !!id && node.dataset.taskId === id);
  }
}

function selectTab(name) {
  const panel = document.getElementById("task-panel");
  if (!panel) return;
  for (const tab of panel.querySelectorAll("[data-tab]")) tab.setAttribute("aria-selected", tab.dataset.tab === name ? "true" : "false");
  for (const pane of panel.querySelectorAll("[data-pane]")) pane.hidden = pane.dataset.pane !== name;
}

document.addEventListener("click", (event) => {
  const tab = event.target.closest("[data-tab]");
  if (tab) selectTab(tab.dataset.tab);
});

function workflowId() { const box = liveBox(); return box ? box.dataset.workflowId : null; }

const ACTIONS = {
  terminate: (id) => {
    const reason = prompt("Reason for terminating (optional):", "Terminated from the UI");
    if (reason === null) return null;
    return api("DELETE", "/workflow/" + encodeURIComponent(id) + "?reason=" + encodeURIComponent(reason));
  },
  pause: (id) => api("PUT", "/workflow/" + encodeURIComponent(id) + "/pause"),
  resume: (id) => api("PUT", "/workflow/" + encodeURIComponent(id) + "/resume"),
  restart: (id) => api("POST", "/workflow/" + encodeURIComponent(id) + "/restart?useLatestDefinitions=false"),
  "restart-latest": (id) => api("POST", "/workflow/" + encodeURIComponent(id) + "/restart?useLatestDefinitions=true"),
  retry: (id) => api("POST", "/workflow/" + encodeURIComponent(id) + "/retry?resumeSubworkflowTasks=false"),
  "retry-resume": (id) => api("POST", "/workflow/" + encodeURIComponent(id) + "/retry?resumeSubworkflowTasks=true"),
  rerun: (id) => {
    const panel = document.getElementById("task-panel");
    return api("POST", "/workflow/" + encodeURIComponent(id) + "/rerun",
      { reRunFromWorkflowId: id, reRunFromTaskId: panel.dataset.taskId, workflowInput: null, taskInput: null });
  },
  skip: (id) => {
    const panel = document.getElementById("task-panel");
    return api("PUT", "/workflow/" + encodeURIComponent(id) + "/skiptask/" + encodeURIComponent(panel.dataset.taskRef));
  },
};

document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-action]");
  if (!button || !(button.dataset.action in ACTIONS) || !liveBox()) return;
  try {
    const pending = ACTIONS[button.dataset.action](workflowId());
    if (pending === null) return;
    button.disabled = true;
    await pending;
    toast(button.textContent.trim() + ": done");
  } catch (e) {
    toast(e.message, true);
  } finally {
    await refreshExecution(true).catch(() => {});
  }
});

// Complete / fail a task by hand, as a worker would (POST /api/tasks).
document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form.complete-form");
  if (!form) return;
  event.preventDefault();
  const panel = document.getElementById("task-panel");
  const status = (event.submitter && event.submitter.value) || "COMPLETED";
  try {
    const output = parseJson(form.elements.output.value || "{}", "Output");
    await api("POST", "/tasks", {
      workflowInstanceId: workflowId(),
      taskId: panel.dataset.taskId,
      status,
      outputData: output,
      reasonForIncompletion: form.elements.reason.value || null,
      workerId: "pyconductor-ui",
    });
    showFormError(form, "");
    toast("Task " + status.toLowerCase());
    await refreshExecution(true);
  } catch (e) {
    showFormError(form, e.message);
  }
});

// ---- diagram pan and zoom ---------------------------------------------------------------

const views = new WeakMap();

function viewOf(svg) {
  if (!views.has(svg)) {
    const box = svg.viewBox.baseVal;
    views.set(svg, { x: box.x, y: box.y, w: box.width, h: box.height, x0: box.x, y0: box.y, w0: box.width, h0: box.height });
  }
  return views.get(svg);
}

function applyView(svg, v) { svg.setAttribute("viewBox", [v.x, v.y, v.w, v.h].join(" ")); }

function zoom(svg, factor) {
  const v = viewOf(svg);
  const cx = v.x + v.w / 2, cy = v.y + v.h / 2;
  v.w = Math.min(Math.max(v.w * factor, v.w0 / 20), v.w0 * 4);
  v.h = Math.min(Math.max(v.h * factor, v.h0 / 20), v.h0 * 4);
  v.x = cx - v.w / 2; v.y = cy - v.h / 2;
  applyView(svg, v);
}

function saveView() {
  const svg = document.querySelector(".diagram svg");
  return svg && views.has(svg) ? { ...views.get(svg) } : null;
}

function restoreView(saved) {
  const svg = document.querySelector(".diagram svg");
  if (!svg || !saved) return;
  views.set(svg, saved);
  applyView(svg, saved);
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-zoom]");
  if (!button) return;
  const svg = button.closest(".diagram-box").querySelector(".diagram svg");
  if (!svg) return;
  const how = button.dataset.zoom;
  if (how === "reset") {
    const v = viewOf(svg);
    Object.assign(v, { x: v.x0, y: v.y0, w: v.w0, h: v.h0 });
    applyView(svg, v);
  } else {
    zoom(svg, how === "in" ? 0.8 : 1.25);
  }
});

document.addEventListener("wheel", (event) => {
  const svg = event.target.closest && event.target.closest(".diagram svg");
  if (!svg || !event.ctrlKey) return; // plain wheel scrolls the page; Ctrl+wheel zooms
  event.preventDefault();
  zoom(svg, event.deltaY < 0 ? 0.85 : 1.15);
}, { passive: false });

document.addEventListener("keydown", (event) => {
  const holder = event.target.closest && event.target.closest(".diagram");
  if (!holder || event.target !== holder) return;
  const svg = holder.querySelector("svg");
  if (!svg) return;
  const v = viewOf(svg);
  const step = v.w / 10;
  const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
  if (event.key === "+" || event.key === "=") zoom(svg, 0.8);
  else if (event.key === "-") zoom(svg, 1.25);
  else if (moves[event.key]) { v.x += moves[event.key][0]; v.y += moves[event.key][1]; applyView(svg, v); }
  else return;
  event.preventDefault();
});

let drag = null;
document.addEventListener("pointerdown", (event) => {
  const svg = event.target.closest && event.target.closest(".diagram svg");
  if (!svg || event.target.closest("[data-task-id], a")) return;
  drag = { svg, x: event.clientX, y: event.clientY, v: { ...viewOf(svg) } };
});
document.addEventListener("pointermove", (event) => {
  if (!drag) return;
  const rect = drag.svg.getBoundingClientRect();
  const v = viewOf(drag.svg);
  v.x = drag.v.x - (event.clientX - drag.x) * (drag.v.w / rect.width);
  v.y = drag.v.y - (event.clientY - drag.y) * (drag.v.h / rect.height);
  applyView(drag.svg, v);
});
document.addEventListener("pointerup", () => { drag = null; });

// ---- definitions ------------------------------------------------------------------------

document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-action=save-definition]");
  if (!form) return;
  event.preventDefault();
  try {
    const definition = parseJson(form.elements.definition.value, "The definition");
    // PUT creates or updates (one version); the server validates and answers with its reasons.
    await api("PUT", "/metadata/workflow", [definition]);
    showFormError(form, "");
    toast("Saved");
    window.location.href = "/definitions/workflow/" + encodeURIComponent(definition.name) +
      (definition.version ? "?version=" + encodeURIComponent(definition.version) : "");
  } catch (e) {
    showFormError(form, e.message);
  }
});

document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-action=validate-definition]");
  if (!button) return;
  const form = button.closest("form");
  try {
    const definition = parseJson(form.elements.definition.value, "The definition");
    await api("POST", "/metadata/workflow/validate", definition);
    showFormError(form, "");
    toast("Valid");
  } catch (e) {
    showFormError(form, e.message);
  }
});

document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-action=delete-definition]");
  if (!button) return;
  const { name, version } = button.dataset;
  if (!confirm("Delete " + name + " version " + version + "?")) return;
  try {
    await api("DELETE", "/metadata/workflow/" + encodeURIComponent(name) + "/" + encodeURIComponent(version));
    window.location.href = "/definitions";
  } catch (e) {
    toast(e.message, true);
  }
});

document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-action=run-workflow]");
  if (!form) return;
  event.preventDefault();
  try {
    const input = parseJson(form.elements.input.value || "{}", "The input");
    const request = { name: form.dataset.name, input };
    if (form.elements.version.value) request.version = Number(form.elements.version.value);
    if (form.elements.correlationId.value) request.correlationId = form.elements.correlationId.value;
    const id = await api("POST", "/workflow", request);
    window.location.href = "/execution/" + encodeURIComponent(id);
  } catch (e) {
    showFormError(form, e.message);
  }
});

document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-action=save-taskdef]");
  if (!form) return;
  event.preventDefault();
  try {
    const definition = parseJson(form.elements.definition.value, "The task definition");
    if (form.dataset.new === "1") await api("POST", "/metadata/taskdefs", [definition]);
    else await api("PUT", "/metadata/taskdefs", definition);
    window.location.href = "/taskdefs?name=" + encodeURIComponent(definition.name);
  } catch (e) {
    showFormError(form, e.message);
  }
});

document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-action=delete-taskdef]");
  if (!button) return;
  if (!confirm("Delete task definition " + button.dataset.name + "?")) return;
  try {
    await api("DELETE", "/metadata/taskdefs/" + encodeURIComponent(button.dataset.name));
    window.location.href = "/taskdefs";
  } catch (e) {
    toast(e.message, true);
  }
});

document.addEventListener("DOMContentLoaded", () => {
  startListRefresh();
  startExecutionLive();
  const box = liveBox();
  if (box) box.dataset.html = "";
});
