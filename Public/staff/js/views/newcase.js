// A case a counsellor opens for a person on the phone, at the counter or on the street: the same
// questionnaire, read aloud, the answers entered here; the result shows the code to read out or
// print on a small card, and the same suggestion, flags and reasons a web submission gets.
import { api } from "../api.js";
import { field, h, replace, showFieldErrors } from "../dom.js";
import { language, t } from "../i18n.js";

const channels = ["phone", "walk_in", "street"];

/** One item as a control: a number, a choice, or a set of checkboxes; each can be "rather not say". */
function itemField(item, skip) {
  const skipBox = h("input", { type: "checkbox", name: `skip:${item.id}`, id: `skip-${item.id}` });
  const skipControl = h("div", { class: "check small" }, skipBox, h("label", { for: `skip-${item.id}` }, skip.label));
  const ask = t("newCase.ask", { question: item.text });
  if (item.type === "set") {
    const boxes = item.options.map((option, index) => h("div", { class: "check" },
      h("input", { type: "checkbox", name: item.id, value: String(option.value), id: `${item.id}-${index}` }),
      h("label", { for: `${item.id}-${index}` }, option.label)));
    return h("fieldset", { class: "field item-set", dataset: { field: item.id } },
      h("legend", {}, ask),
      item.help ? h("p", { class: "hint" }, item.help) : null,
      boxes, skipControl,
      h("p", { class: "field-error", hidden: true }));
  }
  const control = item.type === "choice"
    ? h("select", { name: item.id }, h("option", { value: "" }, t("newCase.choose")),
      item.options.map((option) => h("option", { value: String(option.value) }, option.label)))
    : h("input", { type: "number", name: item.id, min: item.minimum ?? 0, max: item.maximum ?? 999, inputmode: "numeric" });
  const box = field(ask, control, item.help ?? null);
  box.append(skipControl);
  return box;
}

/** The answers as the API takes them: every item, "skip" where the person would rather not say. */
function answers(form, document) {
  const result = {};
  for (const section of document.sections) {
    for (const item of section.items) {
      if (form.elements[`skip:${item.id}`]?.checked) {
        result[item.id] = document.skip.value;
      } else if (item.type === "set") {
        result[item.id] = [...form.querySelectorAll(`input[name="${item.id}"]:checked`)].map((box) => box.value);
      } else {
        const value = form.elements[item.id].value.trim();
        if (value === "") continue;  // the API names what is missing
        result[item.id] = item.type === "choice" && typeof item.options[0]?.value !== "number" ? value : Number(value);
      }
    }
  }
  return result;
}

export async function render(main, _params, context) {
  const document = await context.attempt(() => api("GET", `questionnaire?lang=${language}`));
  if (!document) return;
  const channel = h("fieldset", { class: "field", dataset: { field: "channel" } },
    h("legend", {}, t("newCase.channel")),
    channels.map((value) => h("div", { class: "check" },
      h("input", { type: "radio", name: "channel", value, id: `channel-${value}`, checked: value === "phone" ? "" : null }),
      h("label", { for: `channel-${value}` }, t(`channel.${value}`)))),
    h("p", { class: "field-error", hidden: true }));
  const personLanguage = h("select", { name: "personLanguage" },
    ["da", "en"].map((value) => h("option", { value, selected: value === language ? "" : null }, t(`language.${value}`))));
  const form = h("form", {
    class: "stack new-case",
    novalidate: "",
    onsubmit: async (event) => {
      event.preventDefault();
      const body = {
        channel: form.querySelector("input[name=channel]:checked")?.value, questionnaire: document.version,
        language: form.elements.personLanguage.value, answers: answers(form, document),
      };
      const opened = await context.attempt(() => api("POST", "cases", body), form);
      if (!opened) {
        // The first wrong field has the focus; the summary at the top says how many.
        return;
      }
      showFieldErrors(form, []);
      renderResult(main, opened, context);
    },
  },
  h("section", { class: "panel" }, h("h2", {}, t("newCase.about")), channel, field(t("newCase.language"), personLanguage, t("newCase.languageHint"))),
  document.sections.map((section) => h("section", { class: "panel" },
    h("h2", {}, section.title),
    section.intro ? h("p", { class: "hint" }, section.intro) : null,
    section.items.map((item) => itemField(item, document.skip)))),
  h("button", { type: "submit", class: "primary" }, t("newCase.submit")));
  replace(main, h("h1", {}, t("newCase.title")), h("p", {}, t("newCase.intro")), form);
}

/** A code on a small card, to read out or print: spelled out for a screen reader. */
export function codeCard(token) {
  const spelled = token.split("").map((c) => (c === "-" ? "," : c)).join(" ");
  return h("section", { class: "code-card", "aria-labelledby": "code-card-title" },
    h("h2", { id: "code-card-title", tabindex: "-1" }, t("newCase.cardTitle")),
    h("p", { class: "token", "aria-label": spelled }, token),
    h("p", {}, t("newCase.cardText")));
}

/** The code to read out or print, and what the person's answers suggest. */
function renderResult(main, opened, context) {
  const card = codeCard(opened.token);
  replace(main,
    h("h1", { tabindex: "-1" }, t("newCase.done", { reference: opened.caseReference })),
    h("p", { class: "no-print" }, t("newCase.readOut")),
    card,
    h("div", { class: "buttons no-print" },
      h("button", { type: "button", onclick: () => window.print() }, t("newCase.print")),
      h("a", { href: `#/case/${opened.caseReference}`, class: "button" }, t("newCase.open"))),
    h("section", { class: "panel no-print" },
      h("h2", {}, t("newCase.suggestion", { track: t(`track.${opened.track}`) })),
      opened.flags.length ? h("p", {}, opened.flags.map((flag) => t(`flag.${flag}`)).join(", ")) : null,
      h("ul", {}, opened.reasons.map((reason) => h("li", {}, reason.text)))));
  main.querySelector("h1").focus();
  context.notify(t("newCase.created"));
}
