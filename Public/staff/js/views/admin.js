// What administrators manage: staff accounts, providers, partners; the audit log and the
// weekly statistics. The same rules as the command line, through the staff API.
import { api, query } from "../api.js";
import { weeklyChart } from "../charts.js";
import { addDays, formatInstant, isoWeek } from "../dates.js";
import { field, formValues, h, replace } from "../dom.js";
import { formatDay, has, language, t } from "../i18n.js";

/** A table with a caption for screen readers; `rows` are rows, or a `tbody` the view fills later. */
function table(caption, columns, rows) {
  const body = rows instanceof HTMLTableSectionElement ? rows : h("tbody", {}, rows);
  return h("div", { class: "table-wrap" }, h("table", {},
    h("caption", { class: "visually-hidden" }, caption),
    h("thead", {}, h("tr", {}, columns.map((column) => h("th", { scope: "col" }, column)))),
    body));
}

/** A form that posts its values and then redraws the view. */
function createForm(context, title, fields, submitLabel, send) {
  const form = h("form", {
    class: "stack",
    onsubmit: async (event) => {
      event.preventDefault();
      const result = await context.attempt(() => send(formValues(form)), form);
      if (result) form.dispatchEvent(new CustomEvent("done", { detail: result }));
    },
  }, fields, h("button", { type: "submit", class: "primary" }, submitLabel));
  return { form, section: h("section", { class: "panel" }, h("h2", {}, title), form) };
}

function checkbox(name, label) {
  const id = `check-${name}`;
  return h("div", { class: "check" }, h("input", { type: "checkbox", name, id }), h("label", { for: id }, label));
}

/** A secret shown once (a one-time password, an API key), announced and selectable. */
function secretNotice(context, text) {
  context.notify(text, "secret");
}

export async function renderStaff(main, _params, context) {
  const result = await context.attempt(() => api("GET", "staff"));
  const accounts = result?.items ?? [];
  const row = (account) => h("tr", {},
    h("th", { scope: "row" }, account.username),
    h("td", {}, t(`staff.role.${account.role}`)),
    h("td", {}, account.isDisabled ? t("staff.disabled") : account.mustChangePassword ? t("staff.pending")
      : account.hasSecondFactor ? t("staff.active") : t("staff.noSecondFactor")),
    h("td", {}, h("div", { class: "buttons" },
      h("button", {
        type: "button", class: "small", "aria-label": t("staff.resetLabel", { name: account.username }),
        onclick: async () => {
          const reset = await context.attempt(() => api("POST", `staff/${account.username}/reset-password`));
          if (reset) {
            await renderStaff(main, [], context);
            secretNotice(context, t("staff.oneTime", { name: reset.username, password: reset.oneTimePassword }));
          }
        },
      }, t("staff.reset")),
      !account.hasSecondFactor || account.username === context.me.username ? null : h("button", {
        type: "button", class: "small", "aria-label": t("staff.resetSecondFactorLabel", { name: account.username }),
        onclick: async () => {
          if (!window.confirm(t("staff.confirmResetSecondFactor", { name: account.username }))) return;
          if (await context.attempt(() => api("POST", `staff/${account.username}/reset-second-factor`))) {
            context.notify(t("staff.secondFactorReset", { name: account.username }));
            await renderStaff(main, [], context);
          }
        },
      }, t("staff.resetSecondFactor")),
      account.isDisabled || account.username === context.me.username ? null : h("button", {
        type: "button", class: "small danger", "aria-label": t("staff.disableLabel", { name: account.username }),
        onclick: async () => {
          if (!window.confirm(t("staff.confirmDisable", { name: account.username }))) return;
          if (await context.attempt(() => api("POST", `staff/${account.username}/disable`))) {
            context.notify(t("app.saved"));
            await renderStaff(main, [], context);
          }
        },
      }, t("staff.disable")))));
  const role = h("select", { name: "role" }, ["staff", "admin"].map((value) => h("option", { value }, t(`staff.role.${value}`))));
  const { form, section } = createForm(context, t("staff.add"),
    [field(t("staff.username"), h("input", { name: "username", required: true, autocomplete: "off", maxlength: 40 })), field(t("staff.role"), role)],
    t("staff.add"), (values) => api("POST", "staff", values));
  form.addEventListener("done", async (event) => {
    await renderStaff(main, [], context);
    secretNotice(context, t("staff.oneTime", { name: event.detail.username, password: event.detail.oneTimePassword }));
  });
  replace(main, h("h1", {}, t("staff.title")),
    table(t("staff.title"), [t("staff.username"), t("staff.role"), t("staff.status"), t("common.actions")], accounts.map(row)),
    section);
}

export async function renderProviders(main, _params, context) {
  const result = await context.attempt(() => api("GET", "providers"));
  const providers = result?.items ?? [];
  const coverage = result?.coverage;
  const kind = (provider) => [provider.isAnonymous ? "§ 101a" : "§ 101", provider.isOutsideMunicipality ? t("providers.outside") : null]
    .filter(Boolean).join(" · ");
  const row = (provider) => h("tr", { class: provider.isActive ? null : "inactive" },
    h("th", { scope: "row" }, provider.name, h("br"), h("span", { class: "muted" }, provider.slug)),
    h("td", {}, kind(provider)),
    h("td", {}, provider.contact),
    h("td", {}, provider.isActive ? t("staff.active") : t("staff.disabled")),
    h("td", {}, provider.isActive ? h("button", {
      type: "button", class: "small danger", "aria-label": `${t("staff.disable")} ${provider.name}`,
      onclick: async () => {
        if (await context.attempt(() => api("POST", `providers/${provider.slug}/disable`))) {
          context.notify(t("app.saved"));
          await renderProviders(main, [], context);
        }
      },
    }, t("staff.disable")) : null));
  const { form, section } = createForm(context, t("providers.add"), [
    field(t("providers.slug"), h("input", { name: "slug", required: true, maxlength: 40, autocomplete: "off" }), t("providers.slugHint")),
    field(t("providers.name"), h("input", { name: "name", required: true, maxlength: 200 })),
    field(t("providers.contact"), h("textarea", { name: "contact", rows: 2, maxlength: 200 })),
    checkbox("isAnonymous", t("providers.anonymous")),
    checkbox("isOutsideMunicipality", t("providers.outside")),
  ], t("providers.add"), (values) => api("POST", "providers", values));
  form.addEventListener("done", async () => {
    await renderProviders(main, [], context);
    context.notify(t("app.saved"));
  });
  const values = { count: coverage?.anonymousProviders ?? 0, outside: coverage?.anonymousOutsideMunicipality ?? 0 };
  replace(main, h("h1", {}, t("providers.title")),
    coverage ? h("p", { class: coverage.meetsSection101a ? "notice" : "warning" },
      t(coverage.meetsSection101a ? "providers.coverageOk" : "providers.coverageGap", values)) : null,
    table(t("providers.title"), [t("providers.name"), t("providers.kind"), t("providers.contact"), t("staff.status"), t("common.actions")],
      providers.map(row)),
    section);
}

export async function renderPartners(main, _params, context) {
  const result = await context.attempt(() => api("GET", "partners"));
  const partners = result?.items ?? [];
  const row = (partner) => h("tr", { class: partner.isActive ? null : "inactive" },
    h("th", { scope: "row" }, partner.name, h("br"), h("span", { class: "muted" }, partner.slug)),
    h("td", {}, partner.link),
    h("td", {}, partner.origin ?? "–"),
    h("td", {}, partner.isActive ? t("staff.active") : t("staff.disabled")),
    h("td", {}, partner.isActive ? h("div", { class: "buttons" },
      h("button", {
        type: "button", class: "small", "aria-label": t("partners.rotateLabel", { name: partner.name }),
        onclick: async () => {
          const rotated = await context.attempt(() => api("POST", `partners/${partner.slug}/rotate-key`));
          if (rotated) {
            await renderPartners(main, [], context);
            secretNotice(context, t("partners.key", { name: partner.name, key: rotated.apiKey }));
          }
        },
      }, t("partners.rotate")),
      h("button", {
        type: "button", class: "small danger", "aria-label": `${t("staff.disable")} ${partner.name}`,
        onclick: async () => {
          if (await context.attempt(() => api("POST", `partners/${partner.slug}/disable`))) {
            context.notify(t("app.saved"));
            await renderPartners(main, [], context);
          }
        },
      }, t("staff.disable"))) : null));
  const { form, section } = createForm(context, t("partners.add"), [
    field(t("providers.slug"), h("input", { name: "slug", required: true, maxlength: 40, autocomplete: "off" }), t("providers.slugHint")),
    field(t("providers.name"), h("input", { name: "name", required: true, maxlength: 200 })),
    field(t("partners.origin"), h("input", { name: "origin", type: "url", maxlength: 200 }), t("partners.originHint")),
    checkbox("showsName", t("partners.showsName")),
  ], t("partners.add"), (values) => api("POST", "partners", values));
  form.addEventListener("done", async (event) => {
    await renderPartners(main, [], context);
    secretNotice(context, t("partners.key", { name: event.detail.partner.name, key: event.detail.apiKey }));
  });
  replace(main, h("h1", {}, t("partners.title")),
    table(t("partners.title"), [t("providers.name"), t("partners.link"), t("partners.origin"), t("staff.status"), t("common.actions")],
      partners.map(row)),
    section);
}

const auditFilters = { case: "", actor: "", from: "", to: "" };

export async function renderAudit(main, _params, context) {
  const body = h("tbody");
  async function load() {
    const result = await context.attempt(() => api("GET", `audit${query({ ...auditFilters, limit: "500" })}`));
    if (!result) return;
    replace(body, result.items.length
      ? result.items.map((entry) => h("tr", {},
        h("td", { class: "nowrap" }, formatInstant(entry.at, language === "da" ? "da-DK" : "en-GB")),
        h("td", {}, entry.actor),
        h("td", {}, has(`auditAction.${entry.action}`) ? [t(`auditAction.${entry.action}`), h("br"), h("code", { class: "muted" }, entry.action)]
          : h("code", {}, entry.action)),
        h("td", { class: "nowrap" }, entry.caseReference ? h("a", { href: `#/case/${entry.caseReference}` }, entry.caseReference) : ""),
        h("td", {}, entry.detail ?? "")))
      : h("tr", {}, h("td", { colspan: 5 }, t("audit.empty"))));
  }
  const form = h("form", {
    class: "filters",
    onsubmit: (event) => {
      event.preventDefault();
      Object.assign(auditFilters, formValues(form));
      load();
    },
  }, h("div", { class: "filter-row" },
    field(t("audit.case"), h("input", { name: "case", value: auditFilters.case, maxlength: 7, autocomplete: "off" })),
    field(t("audit.actor"), h("input", { name: "actor", value: auditFilters.actor, maxlength: 40, autocomplete: "off" })),
    field(t("audit.from"), h("input", { name: "from", type: "date", value: auditFilters.from })),
    field(t("audit.to"), h("input", { name: "to", type: "date", value: auditFilters.to })),
    h("button", { type: "submit" }, t("common.show"))));
  replace(main, h("h1", {}, t("audit.title")), form,
    table(t("audit.title"), [t("audit.at"), t("audit.actor"), t("audit.action"), t("audit.case"), t("audit.detail")], body));
  await load();
}

/** New cases per week by the door they came in through; 1–4 arrive as "<5" and are shown so. */
function channelTable(weeks) {
  const channels = ["web", "phone", "walk_in", "street"];
  return h("table", { class: "numbers" },
    h("caption", {}, t("stats.byChannel")),
    h("thead", {}, h("tr", {}, [t("stats.week"), ...channels.map((channel) => t(`channelShort.${channel}`))]
      .map((column) => h("th", { scope: "col" }, column)))),
    h("tbody", {}, weeks.map((week) => h("tr", {}, h("th", { scope: "row", class: "week-name" }, week.week),
      channels.map((channel) => h("td", { class: "number" }, String(week.byChannel?.[channel] ?? 0)))))));
}

/** Every week of the period, with the weeks the API leaves out (no cases) as zeros. */
function everyWeek(result) {
  const byWeek = new Map(result.weeks.map((week) => [week.week, week]));
  const weeks = [];
  for (let day = result.from; day <= result.to; day = addDays(day, 7)) {
    const name = isoWeek(day).name;
    if (!weeks.some((week) => week.week === name)) weeks.push(byWeek.get(name) ?? { week: name, total: 0, byTrack: {} });
  }
  const last = isoWeek(result.to).name;
  if (!weeks.some((week) => week.week === last)) weeks.push(byWeek.get(last) ?? { week: last, total: 0, byTrack: {} });
  return weeks;
}

export async function renderStats(main, _params, context) {
  const area = h("div");
  const form = h("form", {
    class: "filters",
    onsubmit: (event) => {
      event.preventDefault();
      load(formValues(form));
    },
  }, h("div", { class: "filter-row" },
    field(t("audit.from"), h("input", { name: "from", type: "date" })),
    field(t("audit.to"), h("input", { name: "to", type: "date" })),
    h("button", { type: "submit" }, t("common.show"))));
  async function load(values = {}) {
    const result = await context.attempt(() => api("GET", `stats${query(values)}`), form);
    if (!result) return;
    replace(area,
      h("p", { class: "muted" }, `${formatDay(result.from)} – ${formatDay(result.to)}`),
      result.weeks.length ? [weeklyChart(everyWeek(result)), channelTable(everyWeek(result))] : h("p", {}, t("stats.empty")));
  }
  replace(main, h("h1", {}, t("stats.title")), h("p", { class: "muted" }, t("stats.intro")), form, area);
  await load();
}

/** Where alerts to the team go, every delivery with its failures, and a test through every channel. */
export async function renderAlerts(main, _params, context) {
  const result = await context.attempt(() => api("GET", "alerts"));
  if (!result) return;
  const locale = language === "da" ? "da-DK" : "en-GB";
  const channelName = (name) => t(`alerts.channel.${name}`);
  const status = (delivery) => {
    const word = t(`alerts.status.${delivery.status}`);
    if (delivery.status === "retrying") {
      return `${word} (${t("alerts.attempts", { count: delivery.attempts })}; ${t("alerts.next", { at: formatInstant(delivery.nextAttemptAt, locale) })})`;
    }
    return delivery.status === "delivered" && delivery.attempts > 1 ? `${word} (${t("alerts.attempts", { count: delivery.attempts })})` : word;
  };
  const rows = result.deliveries.length
    ? result.deliveries.map((delivery) => h("tr", { class: delivery.status === "failed" || delivery.status === "retrying" ? "attention" : null },
      h("td", { class: "nowrap" }, formatInstant(delivery.createdAt, locale)),
      h("td", {}, t(`alerts.kind.${delivery.kind}`)),
      h("td", {}, channelName(delivery.channel)),
      h("td", {}, status(delivery), delivery.lastError && delivery.status !== "delivered"
        ? [h("br"), h("span", { class: "muted" }, delivery.lastError)] : ""),
      h("td", {}, h("details", {}, h("summary", {}, t("alerts.showText")), h("pre", { class: "alert-text" }, delivery.text)))))
    : h("tr", {}, h("td", { colspan: 5 }, t("alerts.noDeliveries")));
  const channels = result.channels.length
    ? h("ul", {}, result.channels.map((channel) => h("li", {}, h("strong", {}, `${channelName(channel.name)}: `), channel.target)))
    : h("p", { class: "warning" }, t("alerts.noChannels"));
  const test = h("button", {
    type: "button",
    disabled: result.channels.length ? null : "",
    onclick: async () => {
      const queued = await context.attempt(() => api("POST", "alerts/test"));
      if (!queued) return;
      context.notify(t("alerts.testQueued", { channels: queued.queued.map(channelName).join(", ") }));
      // The first attempt is made within seconds: show it.
      setTimeout(() => context.rerender(), 3000);
    },
  }, t("alerts.test"));
  replace(main, h("h1", {}, t("alerts.title")),
    h("section", { class: "panel" },
      h("h2", {}, t("alerts.channels")),
      h("p", {}, t("alerts.intro", { interval: result.digestMinutes >= 1
        ? t("alerts.interval.minutes", { count: Math.round(result.digestMinutes) })
        : t("alerts.interval.seconds", { count: Math.round(result.digestMinutes * 60) }) })),
      channels, test),
    h("h2", {}, t("alerts.deliveries")),
    table(t("alerts.deliveries"), [t("alerts.at"), t("alerts.kindLabel"), t("alerts.channel"), t("alerts.status"), t("alerts.text")], rows));
}
