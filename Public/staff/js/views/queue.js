// The queue: the cases as the API sorts them (crisis first, then oldest), with filters, the age
// of each case and a mark on § 101 cases whose 14-day start deadline is near or passed.
// Refreshes every 30 seconds without reloading the page.
import { api, query } from "../api.js";
import { municipalities } from "../cache.js";
import { field, h, replace } from "../dom.js";
import { localAt } from "../dates.js";
import { flags, formatDay, language, states, t, tracks } from "../i18n.js";

const refreshSeconds = 30;
const filters = { state: "", track: "", flag: "", municipality: "" };

function select(name, label, options, anyLabel) {
  const control = h("select", { name },
    h("option", { value: "" }, anyLabel),
    options.map(([value, text]) => h("option", { value, selected: filters[name] === value }, text)));
  return field(label, control);
}

export function ageText(days) {
  return days === 0 ? t("age.today") : t("age.days", { days });
}

/**
 * The deadline cell: empty unless the case runs under § 101; marked when the API says the start
 * deadline is near or has passed (it counts the service's days, so every view agrees).
 */
export function deadlineMark(item) {
  if (!item.startDeadline) return null;
  if (item.deadlineStatus !== "near" && item.deadlineStatus !== "passed") {
    return h("span", { class: "muted" }, formatDay(item.startDeadline));
  }
  const passed = item.deadlineStatus === "passed";
  return h("span", { class: passed ? "mark mark-passed" : "mark mark-near" },
    t(passed ? "deadline.passed" : "deadline.near", { date: formatDay(item.startDeadline) }));
}

export function flagList(itemFlags) {
  if (!itemFlags.length) return null;
  return h("ul", { class: "tags" }, itemFlags.map((flag) => h("li", { class: `tag tag-${flag}` }, t(`flag.${flag}`))));
}

function row(item) {
  return h("tr", { class: item.priority === 1 ? "crisis" : null },
    h("td", {}, h("span", { class: `priority priority-${item.priority}` }, t(`priority.${item.priority}`))),
    h("th", { scope: "row" }, h("a", { href: `#/case/${item.reference}` }, item.reference)),
    h("td", {}, ageText(item.ageDays)),
    h("td", {}, t(`state.${item.state}`)),
    h("td", {}, t(`track.${item.suggestedTrack}`)),
    h("td", {}, flagList(item.flags)),
    h("td", {}, item.municipality ? (item.municipality.name ?? item.municipality.code) : ""),
    h("td", {}, item.assignee ?? ""),
    h("td", { class: "number" }, item.unreadMessages || ""),
    h("td", {}, deadlineMark(item)));
}

export async function render(main, _params, context) {
  const options = await context.attempt(() => municipalities()) ?? [];
  const body = h("tbody");
  const count = h("p", { class: "count", "aria-live": "polite" });
  const updated = h("span", { class: "muted" });
  const table = h("table", { class: "queue" },
    h("caption", { class: "visually-hidden" }, t("queue.caption")),
    h("thead", {}, h("tr", {},
      ["priority", "reference", "age", "state", "track", "flags", "municipality", "assignee", "unread", "deadline"]
        .map((column) => h("th", { scope: "col" }, t(`col.${column}`))))),
    body);

  async function load() {
    const result = await context.attempt(() => api("GET", `cases${query(filters)}`));
    if (!result) return;
    const focusedReference = document.activeElement?.closest("tbody") === body ? document.activeElement.textContent : null;
    replace(body, result.items.map(row));
    if (!result.items.length) replace(body, h("tr", {}, h("td", { colspan: 10 }, t("queue.empty"))));
    // A live region: changed only when the number changes, so a refresh is not read out every 30 s.
    const counted = result.items.length === 1 ? t("queue.countOne") : t("queue.count", { count: result.items.length });
    if (count.textContent !== counted) replace(count, counted);
    replace(updated, t("app.updated", { time: localAt().time }));
    if (focusedReference) [...body.querySelectorAll("a")].find((link) => link.textContent === focusedReference)?.focus();
  }

  const form = h("form", {
    class: "filters",
    onsubmit: (event) => {
      event.preventDefault();
      for (const name of Object.keys(filters)) filters[name] = form.elements[name].value;
      load();
    },
  },
  h("fieldset", {}, h("legend", {}, t("queue.filters")),
    h("div", { class: "filter-row" },
      select("state", t("queue.state"), states.map((state) => [state, t(`state.${state}`)]), t("queue.open")),
      select("track", t("queue.track"), tracks.map((track) => [track, t(`track.${track}`)]), t("queue.any")),
      select("flag", t("queue.flag"), flags.map((flag) => [flag, t(`flag.${flag}`)]), t("queue.any")),
      select("municipality", t("queue.municipality"), options.map((option) => [String(option.value), option.label]), t("queue.any")),
      h("button", { type: "submit" }, t("queue.apply")))));

  replace(main,
    h("div", { class: "heading-row" },
      h("h1", {}, t("queue.title")),
      h("div", { class: "inline" }, updated, h("button", { type: "button", onclick: load }, t("app.refresh")))),
    h("p", { class: "muted" }, t("queue.intro")),
    form, count, h("div", { class: "table-wrap" }, table));
  await load();
  const timer = setInterval(load, refreshSeconds * 1000);
  return () => clearInterval(timer);
}
