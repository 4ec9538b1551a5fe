// A week of published times, Monday to Sunday: publish one, remove one nobody has booked. The
// week shown first is the service's this week.
import { api, query } from "../api.js";
import { addDays, isoWeek, mondayOf, parseDay, today } from "../dates.js";
import { field, h, replace } from "../dom.js";
import { language, modes, t } from "../i18n.js";
import { slotForm } from "./case.js";

// The contact mode shown, kept while paging from week to week.
let shownMode = "";

export async function render(main, [day], context) {
  const start = mondayOf(day && !Number.isNaN(parseDay(day).getTime()) ? day : today());
  const end = addDays(start, 6);
  const locale = language === "da" ? "da-DK" : "en-GB";
  const dayName = (date) => parseDay(date).toLocaleDateString(locale, { weekday: "long", day: "numeric", month: "short", timeZone: "UTC" });
  const week = h("div", { class: "week" });

  async function load() {
    const result = await context.attempt(() => api("GET", `slots${query({ from: start, to: end, mode: shownMode })}`));
    if (!result) return;
    replace(week, [0, 1, 2, 3, 4, 5, 6].map((offset) => {
      const date = addDays(start, offset);
      const slots = result.items.filter((slot) => slot.startsAt.startsWith(date));
      const headingId = `day-${date}`;
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
                : [slot.isOffered
                  ? h("p", {}, h("a", { href: `#/case/${slot.offeredTo}` }, t("slots.offeredTo", { reference: slot.offeredTo })))
                  : h("p", { class: "muted" }, t("slots.free")),
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

  const firstDay = start < today() ? today() : start;
  const form = slotForm(context, { date: firstDay, time: "10:00", mode: shownMode || "phone" }, async () => {
    context.notify(t("slots.published"));
    await load();
  });

  replace(main,
    h("h1", {}, t("slots.title")),
    h("p", { class: "muted" }, t("slots.intro")),
    h("nav", { class: "week-nav", "aria-label": t("slots.weekNav") },
      h("a", { href: `#/slots/${addDays(start, -7)}` }, `← ${t("slots.previous")}`),
      h("h2", { class: "week-title" }, t("slots.week", { week: isoWeek(start).week, year: isoWeek(start).year })),
      h("a", { href: `#/slots/${addDays(start, 7)}` }, `${t("slots.next")} →`)),
    filter,
    week,
    h("section", { class: "panel" }, h("h2", {}, t("slots.publish")), form));
  await load();
}
