// An accessible group of radio buttons or checkboxes: a fieldset with a
// legend, named inputs (so arrow keys move within the group), and labels
// that wrap. Only the labels and the chosen positions are synced; what the
// choices mean stays in the kernel.
//
// A choice is sent as a message, not a trait sync: ipywidgets holds back a
// model's second quick sync until the first is answered, so a click on
// "Check answer" could overtake it; messages arrive in the order sent.

let groupCount = 0;

async function render({ model, el }) {
  await recoverLateModels(model);
  groupCount += 1;
  const name = `kc-choice-${groupCount}-${Math.random().toString(36).slice(2, 8)}`;
  const fieldset = document.createElement("fieldset");
  fieldset.className = "kc-choices";
  const legend = document.createElement("legend");
  fieldset.appendChild(legend);
  let inputs = [];

  const show = () => {
    const selected = new Set(model.get("selected"));
    inputs.forEach((input, index) => {
      input.checked = selected.has(index);
    });
    fieldset.disabled = model.get("disabled");
  };
  // The labels can change after the group is drawn (the before-and-after check asks
  // the form of an idea meant for this learner once their progress has arrived).
  const draw = () => {
    legend.textContent = model.get("legend");
    fieldset.querySelectorAll(".kc-choice").forEach((label) => label.remove());
    const type = model.get("multiple") ? "checkbox" : "radio";
    inputs = model.get("labels").map((text, index) => {
      const label = document.createElement("label");
      label.className = "kc-choice";
      const input = document.createElement("input");
      input.type = type;
      input.name = name;
      input.value = String(index);
      input.addEventListener("change", () => {
        const chosen = inputs.filter((item) => item.checked).map((item) => Number(item.value));
        model.set("selected", chosen);
        model.send({ selected: chosen });
      });
      const span = document.createElement("span");
      span.textContent = text;
      label.append(input, span);
      fieldset.appendChild(label);
      return input;
    });
    show();
  };
  model.on("change:selected", show);
  model.on("change:disabled", show);
  model.on("change:labels", draw);
  model.on("change:legend", draw);
  draw();
  el.appendChild(fieldset);
}

export default { render };
