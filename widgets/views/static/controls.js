// A question's buttons (Check, hint, answer) and the messages under them, drawn
// from one model: see widgets/views/controls.py. A press is sent as a message,
// so it reaches the kernel after the answer's last change (see choices.js).
// The messages are HTML written by the kernel; a new message replaces the old,
// and an emptied one is removed (a screen reader reads out each new alert).

const BUTTONS = [
  { press: "check", label: "Check answer", primary: true },
  { press: "hint", label: "Show a hint", shown: "has_hints" },
  { press: "answer", label: "Show the answer", title: "answer_tooltip" },
];
const BUTTON_TRAITS = ["check_disabled", "hint_disabled", "answer_disabled", "has_hints", "answer_tooltip"];
const MESSAGES = ["attempts", "hint", "feedback", "confidence_note", "answer"];

async function render({ model, el }) {
  await recoverLateModels(model);
  const row = document.createElement("div");
  row.className = "kc-question-buttons";
  const buttons = BUTTONS.map((spec) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "jupyter-widgets jupyter-button widget-button";
    if (spec.primary) button.classList.add("mod-primary");
    button.textContent = spec.label;
    button.addEventListener("click", () => model.send({ press: spec.press }));
    row.appendChild(button);
    return { spec, button };
  });
  const areas = MESSAGES.map((name) => {
    const area = document.createElement("div");
    area.className = `kc-question-${name.replace("_", "-")}`;
    return { name, area };
  });

  const showButtons = () => {
    // A button that locks itself once pressed (the last hint) would drop the focus
    // to the page's start; it goes to Check instead, the next thing to do.
    const focused = buttons.find(({ button }) => button === document.activeElement);
    for (const { spec, button } of buttons) {
      button.disabled = model.get(`${spec.press}_disabled`);
      // (Not `hidden`: ipywidgets' style gives its buttons a display that outranks it.)
      button.style.display = spec.shown === undefined || model.get(spec.shown) ? "" : "none";
      if (spec.title) button.title = model.get(spec.title);
    }
    if (focused?.button.disabled && !buttons[0].button.disabled) buttons[0].button.focus();
  };
  const showMessage = (name, area) => {
    area.innerHTML = model.get(name);
  };
  for (const name of BUTTON_TRAITS) model.on(`change:${name}`, showButtons);
  for (const { name, area } of areas) {
    model.on(`change:${name}`, () => showMessage(name, area));
    showMessage(name, area);
  }
  showButtons();
  el.classList.add("kc-question-controls");
  el.append(row, ...areas.map(({ area }) => area));
}

export default { render };
