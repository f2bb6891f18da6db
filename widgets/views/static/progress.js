// Keeps the learner's progress in this browser's localStorage.
// The kernel decides what to save; this side only reads, writes, exports and
// hands imported files to the kernel for checking. No network requests.
//
// Storage is handled once per store (initialize), whatever shows it: a cell run
// again takes the store's view away, and its saves must still arrive; two views
// must not save twice. Views (render) only show the buttons and the status.
// A page can hold two stores of one course (its first cell was run again): each
// sends only the items it changed, merged here into what is stored, so neither
// puts back an older copy over the other's answers.

function readStored(key) {
  try {
    return window.localStorage.getItem(key);
  } catch (error) {
    return null;
  }
}

function writeStored(key, text) {
  try {
    window.localStorage.setItem(key, text);
    return true;
  } catch (error) {
    return false;
  }
}

// A document the browser could not store (storage full or blocked), by key: later
// saves merge into it and a download includes it, so no answer is lost meanwhile.
const unstored = new Map();

// On a hub every learner's pages share one address, and so one localStorage: the
// course server names the signed-in learner in a cookie (widgets/server/hub.py), and
// each learner's progress has a key of its own. Read once per store, as its page
// opens: a tab left open keeps its learner's key when the next one signs in here.
const LEARNER_COOKIE = "kcourse-learner=";
const keys = new WeakMap();

function storageKey(model) {
  if (!keys.has(model)) {
    const cookie = document.cookie.split("; ").find((part) => part.startsWith(LEARNER_COOKIE));
    const learner = cookie && decodeURIComponent(cookie.slice(LEARNER_COOKIE.length));
    keys.set(model, model.get("storage_key") + (learner ? `:${learner}` : ""));
  }
  return keys.get(model);
}

function currentDocument(model) {
  const key = storageKey(model);
  if (unstored.has(key)) return structuredClone(unstored.get(key));
  const empty = { course: model.get("course_id"), version: model.get("course_version"), sections: {} };
  const text = readStored(key);
  if (!text) return empty;
  try {
    const doc = JSON.parse(text);
    if (doc && typeof doc === "object" && doc.sections && typeof doc.sections === "object") return doc;
  } catch (error) {
    // fall through: keep the unreadable copy aside so nothing is lost
  }
  writeStored(`${key}:unreadable-${Date.now()}`, text);
  return empty;
}

// The learner's own calendar day (not UTC's), for the review deck.
function localDay(now) {
  const two = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

// The changed items in place of the stored ones, `depth` levels down: a whole item
// is a question's state, a review card, one before-or-after answer.
function mergeItems(stored, changed, depth) {
  const merged = stored && typeof stored === "object" && !Array.isArray(stored) ? { ...stored } : {};
  for (const [name, value] of Object.entries(changed)) {
    const deeper = depth > 1 && value && typeof value === "object" && !Array.isArray(value);
    merged[name] = deeper ? mergeItems(merged[name], value, depth - 1) : value;
  }
  return merged;
}

function saveFile(filename, text) {
  const blob = new Blob([text], { type: "application/json" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(link.href);
}

// An id for this browser's progress and the files exported from it, made with the
// document: no name, nothing sent, only so a class report counts a hand-in once.
function anonymousId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

function makeButton(label) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "kc-button";
  button.textContent = label;
  return button;
}

const FULL =
  "This browser would not save your progress (storage is full or blocked). Download a copy to keep it.";

async function initialize({ model }) {
  await recoverLateModels(model);
  const key = storageKey(model);
  const store = (doc) => {
    doc.learner = doc.learner || anonymousId();
    if (writeStored(key, JSON.stringify(doc))) {
      unstored.delete(key);
    } else {
      unstored.set(key, doc);
      model.set("status", FULL);
      model.save_changes();
    }
  };

  model.on("msg:custom", (msg) => {
    if (msg.kind === "save") {
      const doc = currentDocument(model);
      doc.sections[msg.section] = mergeItems(doc.sections[msg.section], msg.data, msg.depth);
      store(doc);
    } else if (msg.kind === "save-top" && ["review", "prepost"].includes(msg.key)) {
      const doc = currentDocument(model);
      doc[msg.key] = mergeItems(doc[msg.key], msg.data, msg.depth);
      store(doc);
    } else if (msg.kind === "download") {
      saveFile(msg.filename, msg.text);
    } else if (msg.kind === "replace") {
      const backup = readStored(key);
      if (backup) writeStored(`${key}:before-import`, backup);
      store(JSON.parse(msg.text));
    }
  });

  // A first visit makes the document now, with its anonymous id, so the kernel knows
  // the learner from the start (the before-and-after check asks each learner the
  // form of an idea drawn from that id).
  if (!readStored(key) && !unstored.has(key)) store(currentDocument(model));
  model.set("loaded", readStored(key) || JSON.stringify(currentDocument(model)));
  model.save_changes();
  // The page's own address (no fragment): links the kernel writes, such as a calendar
  // file's way back to the reviews, point here.
  model.send({ kind: "ready", today: localDay(new Date()), page: location.href.split("#")[0] });
}

function render({ model, el }) {
  const box = document.createElement("div");
  box.className = "kc-progress-tools";

  const note = document.createElement("p");
  note.textContent =
    "Your answers are saved in this browser only. Nothing is sent to a server. " +
    "Download a copy to keep it or to move to another browser.";

  const exportButton = makeButton("Download my progress (JSON file)");
  exportButton.addEventListener("click", () => {
    saveFile(`${model.get("course_id")}-progress.json`, JSON.stringify(currentDocument(model), null, 2));
    status.textContent = "Progress downloaded.";
  });

  const importLabel = document.createElement("label");
  importLabel.className = "kc-import";
  importLabel.textContent = "Load progress from a file: ";
  const input = document.createElement("input");
  input.type = "file";
  input.accept = ".json,application/json";
  importLabel.appendChild(input);
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    if (file.size > model.get("max_bytes")) {
      status.textContent = "That file is too large to be a progress file. Your progress is unchanged.";
      return;
    }
    model.send({ kind: "import", text: await file.text() });
  });

  const status = document.createElement("p");
  status.className = "kc-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  status.textContent = model.get("status");
  model.on("change:status", () => {
    status.textContent = model.get("status");
  });

  const undoButton = makeButton("Undo loading the file");
  const showUndo = () => {
    undoButton.hidden = !model.get("can_undo");
  };
  showUndo();
  model.on("change:can_undo", showUndo);
  undoButton.addEventListener("click", () => model.send({ kind: "undo" }));

  const tools = document.createElement("div");
  tools.className = "kc-progress-buttons";
  tools.append(exportButton, importLabel, undoButton);
  box.append(note, tools, status);
  el.appendChild(box);
}

export default { initialize, render };
