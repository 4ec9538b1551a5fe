// A week of published times, Monday to Sunday: publish one, remove one nobody has booked.
import { api, query } from "../api.js";
import { field, h, replace } from "../dom.js";
import { language, modes, t } from "../i18n.js";
import { slotForm } from "./case.js";

const pad = (number) => String(number).padStart(2, "0");
const iso = (date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

function parseDay(text) {
  const [year, month, day] = text.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

function addDays(date, days) {
  return new Date(date.getTime() + days * 86_400_000);
}

/** The Monday of the week `date` lies in. */
function monday(date) {
  return addDays(date, -((date.getUTCDay() + 6) % 7));
}

/** The ISO week number. */
function weekNumber(date) {
  const thursday = addDays(monday(date), 3);
  const firstThursday = addDays(monday(new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4))), 3);
  return 1 + Math.round((thursday - firstThursday) / (7 * 86_400_000));
}

// The contact mode shown, kept while paging from week to week.
let shownMode = "";

function todayUTC() {
  const now = new Date();
  return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
}

export async function render(main, [day], context) {
  const start = monday(day ? parseDay(day) : todayUTC());
  const end = addDays(start, 6);
  const locale = language === "da" ? "da-DK" : "en-GB";
  const dayName = (date) => date.toLocaleDateString(locale, { weekday: "long", day: "numeric", month: "short", timeZone: "UTC" });
  const week = h("div", { class: "week" });

  async function load() {
    const result = await context.attempt(() => api("GET", `slots${query({ from: iso(start), to: iso(end), mode: shownMode })}`));
    if (!result) return;
    replace(week, [0, 1, 2, 3, 4, 5, 6].map((offset) => {
      const date = addDays(start, offset);
      const slots = result.items.filter((slot) => slot.startsAt.startsWith(iso(date)));
      const headingId = `day-${iso(date)}`;
      return h("section", { class: "day", "aria-labelledby": headingId },
        h("h2", { id: headingId }, dayName(date)),
        slots.length
          ? h("ul", { class: "slots" }, slots.map((slot) => {
            const time = slot.startsAt.slice(11, 16);
            return h("li", { class: slot.isBooked ? "slot slot-booked" : "slot" },
              h("p", { class: "slot-time" }, `${time} · ${slot.lengthMinutes} min`),
              h("p", {}, t(`mode.${slot.mode}`)),
              h("p", { class: "slot-place" }, slot.place),
              slot.isBooked
                ? h("p", {}, h("a", { href: `#/case/${slot.caseReference}` }, t("slots.bookedBy", { reference: slot.caseReference })))
                : [h("p", { class: "muted" }, t("slots.free")),
                  h("button", {
                    type: "button", class: "small", "aria-label": t("slots.removeLabel", { time: `${dayName(date)} ${time}` }),
                    onclick: async () => {
                      const removed = await context.attempt(() => api("DELETE", `slots/${slot.id}`));
                      if (removed !== undefined) {
                        context.notify(t("slots.removed"));
                        await load();
                      }
                    },
                  }, t("slots.remove"))]);
          }))
          : h("p", { class: "muted" }, t("slots.none")));
    }));
  }

  const modeChoice = h("select", { name: "mode" },
    h("option", { value: "" }, t("slots.allModes")),
    modes.map((mode) => h("option", { value: mode, selected: mode === shownMode }, t(`mode.${mode}`))));
  const filter = h("form", {
    class: "filters",
    onsubmit: async (event) => {
      event.preventDefault();
      shownMode = modeChoice.value;
      await load();
    },
  }, h("div", { class: "filter-row" }, field(t("slots.mode"), modeChoice), h("button", { type: "submit" }, t("common.show"))));

  const firstDay = iso(start) < iso(todayUTC()) ? iso(todayUTC()) : iso(start);
  const form = slotForm(context, { date: firstDay, time: "10:00", mode: shownMode || "phone" }, async () => {
    context.notify(t("slots.published"));
    await load();
  });

  replace(main,
    h("h1", {}, t("slots.title")),
    h("p", { class: "muted" }, t("slots.intro")),
    h("nav", { class: "week-nav", "aria-label": t("slots.weekNav") },
      h("a", { href: `#/slots/${iso(addDays(start, -7))}` }, `← ${t("slots.previous")}`),
      h("h2", { class: "week-title" }, t("slots.week", { week: weekNumber(start), year: addDays(start, 3).getUTCFullYear() })),
      h("a", { href: `#/slots/${iso(addDays(start, 7))}` }, `${t("slots.next")} →`)),
    filter,
    week,
    h("section", { class: "panel" }, h("h2", {}, t("slots.publish")), form));
  await load();
}
