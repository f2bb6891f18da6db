// A group of menus, one per thing to match or place in order: a fieldset with a
// legend, and each menu a native select with its own label. Only the texts and
// the chosen positions are synced; what the options mean stays in the kernel.
//
// A choice is sent as a message, not a trait sync, for the reason in choices.js:
// a quick change and then "Check answer" must reach the kernel in that order.

const NOTHING = -1;

async function render({ model, el }) {
  await recoverLateModels(model);
  const fieldset = document.createElement("fieldset");
  fieldset.className = "kc-choices kc-menus";
  const legend = document.createElement("legend");
  legend.textContent = model.get("legend");
  fieldset.appendChild(legend);

  const options = model.get("options");
  const menus = model.get("slots").map((slot) => {
    const label = document.createElement("label");
    label.className = "kc-menu";
    const name = document.createElement("span");
    name.textContent = slot;
    const menu = document.createElement("select");
    menu.add(new Option("Choose…", String(NOTHING)));
    options.forEach((text, index) => menu.add(new Option(text, String(index))));
    menu.addEventListener("change", () => {
      const chosen = menus.map((item) => Number(item.value));
      menu.nextElementSibling.textContent = menu.selectedOptions[0]?.text ?? "";
      model.set("selected", chosen);
      model.send({ selected: chosen });
    });
    // On paper a menu shows only as much of its choice as fits its box: the choice is
    // printed as text instead (course.css shows one or the other).
    const printed = document.createElement("span");
    printed.className = "kc-print-only kc-menu-choice";
    label.append(name, menu, printed);
    fieldset.appendChild(label);
    return menu;
  });

  const show = () => {
    const selected = model.get("selected");
    menus.forEach((menu, index) => {
      menu.value = String(selected[index] ?? NOTHING);
      menu.nextElementSibling.textContent = menu.selectedOptions[0]?.text ?? "";
    });
  };
  model.on("change:selected", show);
  show();
  el.appendChild(fieldset);
}

export default { render };
