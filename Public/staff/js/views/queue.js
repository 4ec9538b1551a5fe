// The queue: the cases as the API sorts them (crisis first, then oldest), with filters, the age
// of each case and a mark on § 101 cases whose 14-day start deadline is near or passed.
// Refreshes every 30 seconds without reloading the page. A long queue comes a page at a time,
// with the total; administrators can close a flood of new cases as spam in one go.
import { api, query } from "../api.js";
import { municipalities } from "../cache.js";
import { field, h, replace } from "../dom.js";
import { localAt } from "../dates.js";
import { flags, formatDay, language, states, t, tracks } from "../i18n.js";

const refreshSeconds = 30;
const filters = { state: "", track: "", flag: "", municipality: "", channel: "", reply: "", sort: "" };
const channels = ["web", "phone", "walk_in", "street"];
const pageSize = 100;
let offset = 0;
/** The new cases an administrator has ticked as spam, kept across the refreshes. */
const spam = new Set();

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

/** The promise of a first reply: the day, marked when it is today or has passed without one. */
export function replyMark(item) {
  if (!item.replyStatus) return null;
  if (item.replyStatus === "replied") return h("span", { class: "muted" }, t("reply.replied"));
  if (item.replyStatus === "waiting") return h("span", {}, formatDay(item.replyBy));
  const passed = item.replyStatus === "passed";
  return h("span", { class: passed ? "mark mark-passed" : "mark mark-near" },
    t(passed ? "reply.passed" : "reply.today", { date: formatDay(item.replyBy) }));
}

export function flagList(itemFlags) {
  if (!itemFlags.length) return null;
  return h("ul", { class: "tags" }, itemFlags.map((flag) => h("li", { class: `tag tag-${flag}` }, t(`flag.${flag}`))));
}

function spamCell(item) {
  if (item.state !== "new") return h("td", {});
  return h("td", {}, h("input", {
    type: "checkbox", checked: spam.has(item.reference), "aria-label": t("queue.selectSpam", { reference: item.reference }),
    onchange: (event) => (event.target.checked ? spam.add(item.reference) : spam.delete(item.reference)),
  }));
}

function row(item, isAdmin) {
  return h("tr", { class: item.priority === 1 ? "crisis" : null },
    h("td", {}, h("span", { class: `priority priority-${item.priority}` }, t(`priority.${item.priority}`))),
    h("th", { scope: "row" }, h("a", { href: `#/case/${item.reference}` }, item.reference)),
    h("td", {}, ageText(item.ageDays)),
    h("td", {}, t(`state.${item.state}`)),
    h("td", {}, t(`track.${item.suggestedTrack}`)),
    h("td", {}, flagList(item.flags)),
    h("td", {}, item.municipality ? (item.municipality.name ?? item.municipality.code) : ""),
    h("td", {}, t(`channelShort.${item.channel}`)),
    h("td", {}, item.assignee ?? ""),
    h("td", { class: "number" }, item.unreadMessages || ""),
    h("td", {}, replyMark(item)),
    h("td", {}, deadlineMark(item)),
    isAdmin ? spamCell(item) : null);
}

export async function render(main, _params, context) {
  const options = await context.attempt(() => municipalities()) ?? [];
  const isAdmin = context.me?.role === "admin";
  const columns = ["priority", "reference", "age", "state", "track", "flags", "municipality", "channel", "assignee", "unread", "replyBy",
    "deadline"]
    .concat(isAdmin ? ["spam"] : []);
  const body = h("tbody");
  const pages = h("nav", { class: "inline", "aria-label": t("queue.pages") });
  const count = h("p", { class: "count", "aria-live": "polite" });
  // Cases whose stored answers do not open: listed, so nobody thinks the queue is complete.
  const unreadable = h("div");
  const updated = h("span", { class: "muted" });
  const table = h("table", { class: "queue" },
    h("caption", { class: "visually-hidden" }, t("queue.caption")),
    h("thead", {}, h("tr", {},
      columns.map((column) => h("th", { scope: "col" }, t(`col.${column}`))))),
    body);

  async function load() {
    const result = await context.attempt(() => api("GET", `cases${query({ ...filters, limit: pageSize, offset })}`));
    if (!result) return;
    const unread = result.unreadable ?? [];
    const shown = result.items.length + unread.length;
    if (!shown && offset > 0) {
      // The page emptied (cases were closed): go back to the first.
      offset = 0;
      return load();
    }
    const focusedReference = document.activeElement?.closest("tbody") === body ? document.activeElement.textContent : null;
    replace(body, result.items.map((item) => row(item, isAdmin)));
    if (!shown) replace(body, h("tr", {}, h("td", { colspan: columns.length }, t("queue.empty"))));
    // A live region: changed only when the number changes, so a refresh is not read out every 30 s.
    const counted = result.total > shown
      ? t("queue.range", { from: offset + 1, to: offset + shown, total: result.total })
      : result.total === 1 ? t("queue.countOne") : t("queue.count", { count: result.total });
    const turn = (by) => {
      offset = Math.max(0, offset + by);
      load();
    };
    replace(pages,
      offset > 0 ? h("button", { type: "button", onclick: () => turn(-pageSize) }, t("queue.previous")) : null,
      offset + shown < result.total ? h("button", { type: "button", onclick: () => turn(pageSize) }, t("queue.next")) : null);
    if (count.textContent !== counted) replace(count, counted);
    replace(unreadable, unread.length
      ? h("div", { class: "warning" },
        h("p", {}, t("queue.unreadable")),
        h("ul", {}, unread.map((item) => h("li", {},
          h("strong", {}, item.reference), ` (${t(`priority.${item.priority}`)}, ${t(`state.${item.state}`)}): ${item.message}`))))
      : null);
    replace(updated, t("app.updated", { time: localAt().time }));
    if (focusedReference) [...body.querySelectorAll("a")].find((link) => link.textContent === focusedReference)?.focus();
  }

  const form = h("form", {
    class: "filters",
    onsubmit: (event) => {
      event.preventDefault();
      for (const name of Object.keys(filters)) filters[name] = form.elements[name].value;
      offset = 0;
      load();
    },
  },
  h("fieldset", {}, h("legend", {}, t("queue.filters")),
    h("div", { class: "filter-row" },
      select("state", t("queue.state"), states.map((state) => [state, t(`state.${state}`)]), t("queue.open")),
      select("track", t("queue.track"), tracks.map((track) => [track, t(`track.${track}`)]), t("queue.any")),
      select("flag", t("queue.flag"), flags.map((flag) => [flag, t(`flag.${flag}`)]), t("queue.any")),
      select("municipality", t("queue.municipality"), options.map((option) => [String(option.value), option.label]), t("queue.any")),
      select("channel", t("queue.channel"), channels.map((channel) => [channel, t(`channel.${channel}`)]), t("queue.any")),
      select("reply", t("queue.reply"), [["due", t("queue.replyDue")]], t("queue.any")),
      select("sort", t("queue.sort"), [["reply_by", t("queue.sortReplyBy")]], t("queue.sortPriority")),
      h("button", { type: "submit" }, t("queue.apply")))));

  replace(main,
    h("div", { class: "heading-row" },
      h("h1", {}, t("queue.title")),
      h("div", { class: "inline" }, updated, h("button", { type: "button", onclick: load }, t("app.refresh")))),
    h("p", { class: "muted" }, t("queue.intro")),
    form, count, unreadable, h("div", { class: "table-wrap" }, table), pages,
    isAdmin ? h("p", {}, h("button", { type: "button", onclick: markSpam }, t("queue.markSpam"))) : null);
  async function markSpam() {
    if (!spam.size || !window.confirm(t("queue.markSpamConfirm", { count: spam.size }))) return;
    const result = await context.attempt(() => api("POST", "cases/spam", { references: [...spam] }));
    if (!result) return;
    spam.clear();
    context.notify(t("queue.markedSpam", { marked: result.marked.length, refused: result.refused.length }));
    await load();
  }

  await load();
  const timer = setInterval(load, refreshSeconds * 1000);
  return () => clearInterval(timer);
}
