// Small helpers to build the page from data. Text always goes in as text (never as HTML), so
// nothing a person or a colleague wrote can become markup.

/** Creates an element: h("a", {href: "#/queue", class: "link"}, "Queue", child, …). */
export function h(tag, attributes = {}, ...children) {
  const element = tag.startsWith("svg:")
    ? document.createElementNS("http://www.w3.org/2000/svg", tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (name === "dataset") {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(name, "");
    } else {
      element.setAttribute(name, String(value));
    }
  }
  // Forms are checked by the API, whose messages appear at each field in the console's language;
  // the browser's own bubbles would come first, in the browser's language, and vanish.
  if (tag === "form") element.noValidate = true;
  append(element, children);
  return element;
}

/** Appends children: strings become text, arrays are flattened, null and false are skipped. */
export function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Replaces everything in `element` with `children`. */
export function replace(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

/** The values of a form's named fields, trimmed; checkboxes as booleans. */
export function formValues(form) {
  const values = {};
  for (const field of form.elements) {
    if (!field.name) continue;
    if (field.type === "checkbox") values[field.name] = field.checked;
    else values[field.name] = field.value.trim();
  }
  return values;
}

let fieldCounter = 0;

/** A labelled field: label, control, and a place for its error message, wired for screen readers. */
export function field(label, control, hint) {
  const id = control.id || `field-${++fieldCounter}`;
  control.id = id;
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ");
  control.setAttribute("aria-describedby", describedBy);
  return h("div", { class: "field", dataset: { field: control.name ?? "" } },
    h("label", { for: id }, label),
    hint ? h("p", { class: "hint", id: hintId }, hint) : null,
    control,
    h("p", { class: "field-error", id: errorId, hidden: true }));
}

/** Shows the API's per-field messages next to the fields of `form`; returns whether any was shown. */
export function showFieldErrors(form, items = []) {
  let shown = false;
  for (const box of form.querySelectorAll(".field")) {
    const error = box.querySelector(".field-error");
    const control = box.querySelector("input, select, textarea");
    const item = items.find((entry) => entry.item === box.dataset.field);
    error.hidden = !item;
    error.textContent = item ? item.message : "";
    if (control && item) control.setAttribute("aria-invalid", "true");
    else control?.removeAttribute("aria-invalid");
    if (item && !shown) {
      control?.focus();
      shown = true;
    }
  }
  return shown;
}
