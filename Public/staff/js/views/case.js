// One case: the profile at a glance, the suggestion and its reasons, the answers by domain, the
// conversation, the booking, and only the actions the case's state (and who holds it) allows.
import { api } from "../api.js";
import { answerLabel, questionnaire } from "../cache.js";
import { compositeChart } from "../charts.js";
import { localAt, serviceNow, today } from "../dates.js";
import { field, formValues, h, replace, showFieldErrors } from "../dom.js";
import { formatDay, formatLocalTime, language, modes, t, tracks } from "../i18n.js";
import { codeCard } from "./newcase.js";
import { ageText, deadlineMark, flagList, replyMark } from "./queue.js";

let remembered = null;
/** The code a person just read out on the phone, while their case is on the screen. */
let readOut = null;

/** A case file just fetched elsewhere (find by token, with the `token` read out), shown
 * without reading it a second time. */
export function remember(file, token) {
  remembered = file;
  readOut = token ? { reference: file.reference, token } : null;
}

/** The person on the phone reads out a code a colleague handed out: they get a new one, read
 * out once, and the old one stops working, so the colleague can no longer open the case as them. */
function newCodeByPhone(file, context) {
  if (!file.codeFromStaff || !readOut || readOut.reference !== file.reference) return null;
  const panel = h("section", { class: "panel phone-code" });
  const give = async () => {
    const answer = await context.attempt(() => api("POST", "cases/lookup/new-code", { token: readOut.token }));
    if (!answer) return;
    readOut = null;
    replace(panel, h("h2", {}, t("phoneCode.title")), h("p", {}, t("phoneCode.readOut")), codeCard(answer.token));
    panel.querySelector("#code-card-title")?.focus();
    context.notify(t("phoneCode.done"));
  };
  return replace(panel,
    h("h2", {}, t("phoneCode.title")),
    h("p", {}, t("phoneCode.intro")),
    h("button", { type: "button", class: "primary", onclick: give }, t("phoneCode.button")));
}

function section(title, ...children) {
  return h("section", { class: "panel" }, h("h2", {}, title), children);
}

/** The person's own words first: what they want, how they want to talk, whether they want to
 * stay anonymous, who is answering, and what raised each flag. */
function ownWords(file, document) {
  if (!document || !file.answers) return null;
  const items = Object.fromEntries(document.sections.flatMap((group) => group.items).map((item) => [item.id, item]));
  const fact = (key, id) => (items[id] && file.answers[id] !== undefined
    ? [h("dt", {}, t(key)), h("dd", { class: file.answers[id] === "skip" ? "muted" : null }, answerLabel(items[id], file.answers[id], t("case.skipped")))]
    : null);
  const raised = file.reasons.filter((reason) => reason.rule.startsWith("flag."));
  return h("section", { class: "panel own-words" },
    h("h2", {}, t("case.ownWords")),
    h("dl", { class: "own-facts" },
      fact("own.goal", "bg.goal"), fact("own.contact", "bg.contact"), fact("own.anonymous", "bg.stay_anonymous"),
      fact("own.forWhom", "bg.for_whom"), fact("own.age", "bg.age_band"), fact("own.children", "bg.children_at_home"),
      file.language ? [h("dt", {}, t("fact.language")), h("dd", {}, file.language === "da" ? "Dansk" : "English")] : null),
    raised.length ? [h("h3", {}, t("case.flagsRaised")), h("ul", { class: "reasons" }, raised.map((reason) => h("li", {}, reason.text)))] : null);
}

function summary(file) {
  return h("dl", { class: "facts" },
    h("dt", {}, t("col.state")), h("dd", {}, h("span", { class: `state state-${file.state}` }, t(`state.${file.state}`))),
    h("dt", {}, t("col.priority")), h("dd", {}, h("span", { class: `priority priority-${file.priority}` }, t(`priority.${file.priority}`))),
    h("dt", {}, t("col.age")), h("dd", {}, t("case.submitted", { date: formatDay(file.createdOn), age: ageText(file.ageDays) })),
    h("dt", {}, t("col.assignee")), h("dd", {}, file.assignee ?? t("case.noHolder")),
    file.municipality ? [h("dt", {}, t("col.municipality")), h("dd", {}, file.municipality.name ?? file.municipality.code)] : null,
    file.channel ? [h("dt", {}, t("case.channel")), h("dd", {}, t(`channel.${file.channel}`),
      file.codeFromStaff ? [h("br"), h("span", { class: "muted" }, t("case.codeFromStaff"))] : null)] : null,
    file.partner ? [h("dt", {}, t("fact.partner")), h("dd", {}, file.partner)] : null,
    file.replyStatus ? [h("dt", {}, t("col.replyBy")), h("dd", {}, replyMark(file))] : null,
    file.startDeadline ? [h("dt", {}, t("col.deadline")), h("dd", {}, deadlineMark(file) ?? formatDay(file.startDeadline))] : null);
}

function profile(file) {
  return section(t("case.profile"),
    compositeChart(file.composites),
    h("p", { class: "suggestion" }, h("strong", {}, t("case.suggestion", { track: t(`track.${file.suggestedTrack}`) }))),
    file.reasons.length ? [h("h3", {}, t("case.reasons")), h("ul", { class: "reasons" }, file.reasons.map((reason) => h("li", {}, reason.text)))] : null,
    file.flags.length ? [h("h3", {}, t("case.flags")), flagList(file.flags)] : null);
}

async function answers(file, context) {
  const document = await context.attempt(() => questionnaire());
  if (!document || !file.answers) return null;
  return section(t("case.answers"),
    document.sections.filter((group) => group.id !== "crisis" || file.answers["crisis.now"] !== undefined).map((group) =>
      h("details", { class: "answers", open: ["drug", "alcohol", "psychiatric"].includes(group.id) ? true : null },
        h("summary", {}, group.title),
        h("dl", {}, group.items.map((item) => [
          h("dt", {}, item.text),
          h("dd", { class: file.answers[item.id] === "skip" ? "muted" : null },
            answerLabel(item, file.answers[item.id] ?? "skip", t("case.skipped")) || t("app.none")),
        ])))));
}

function identifierWarning(message) {
  if (!message.identifiers?.length) return null;
  const kinds = message.identifiers.map((kind) => t(`identifier.${kind}`)).join(", ");
  return h("p", { class: "warning" }, t("case.identifiersWarning", { kinds }));
}

function conversation(file, context, refresh) {
  const list = file.conversation?.length
    ? h("ol", { class: "conversation" }, file.conversation.map((message) => {
      const author = message.author === "citizen" ? t("case.fromPerson") : message.author === "system" ? t("case.fromSystem") : message.staffUser ?? "";
      return h("li", { class: `message message-${message.author}${message.isInternal ? " message-internal" : ""}` },
        h("p", { class: "meta" }, h("span", { class: "author" }, author), " · ", formatDay(message.createdOn),
          message.isInternal ? [" · ", h("strong", { class: "internal-label" }, t("case.internalNote"))] : null),
        identifierWarning(message),
        h("p", { class: "body" }, message.body));
    }))
    : h("p", { class: "muted" }, t("case.noMessages"));
  let form = null;
  if (file.mayWrite) {
    const body = h("textarea", { name: "body", rows: 4, maxlength: 2000, required: true });
    const internal = h("input", { type: "checkbox", name: "internal", id: "message-internal" });
    form = h("form", {
      class: "stack write",
      onsubmit: async (event) => {
        event.preventDefault();
        const values = formValues(form);
        const written = await context.attempt(() => api("POST", `cases/${file.reference}/messages`, { body: values.body, internal: values.internal }), form);
        if (!written) return;
        context.notify(t("case.sent"));
        await refresh();
      },
    },
    h("h3", {}, t("case.write")),
    field(t("case.message"), body),
    h("div", { class: "check" }, internal, h("label", { for: "message-internal" }, t("case.internal"))),
    h("button", { type: "submit", class: "primary" }, t("case.send")));
  } else if (file.state !== "closed" && file.state !== "withdrawn") {
    form = h("p", { class: "muted" }, t("case.writeNotAllowed"));
  }
  return section(t("case.conversation"), list, form);
}

/** The first half hour after this time tomorrow, in the service's zone. */
function nextHalfHour() {
  const halfHour = 30 * 60 * 1000;
  const tomorrow = serviceNow() + 24 * 3600 * 1000;
  return localAt(Math.floor(tomorrow / halfHour + 1) * halfHour);
}

/** The form that publishes a time; `preset` fills the mode (the kind of contact the person asked for). */
export function slotForm(context, preset, onDone) {
  const next = nextHalfHour();
  const date = h("input", { type: "date", name: "date", required: true, value: preset.date ?? next.date });
  const time = h("input", { type: "time", name: "time", required: true, step: 900, value: preset.time ?? next.time });
  const length = h("input", { type: "number", name: "length", min: 5, max: 480, step: 5, value: 45, required: true });
  const mode = h("select", { name: "mode" }, modes.map((value) => h("option", { value, selected: value === preset.mode }, t(`mode.${value}`))));
  const place = h("input", { type: "text", name: "place", maxlength: 200, required: true });
  const form = h("form", {
    class: "stack slot-form",
    onsubmit: async (event) => {
      event.preventDefault();
      const values = formValues(form);
      // A time for one case is offered to that person only; the week view publishes for anyone.
      const path = preset.offerTo ? `cases/${preset.offerTo}/offers` : "slots";
      const slot = await context.attempt(() => api("POST", path, {
        start: `${values.date}T${values.time}`, length: Number(values.length), mode: values.mode, place: values.place,
      }), form);
      if (slot) await onDone(slot);
    },
  },
  h("div", { class: "field-row" }, field(t("slots.date"), date), field(t("slots.time"), time), field(t("slots.length"), length)),
  h("div", { class: "field-row" }, field(t("slots.mode"), mode), field(t("slots.place"), place, t("slots.placeHint"))),
  h("button", { type: "submit" }, t(preset.offerTo ? "case.offerSubmit" : "slots.publish")));
  // The API names the start field "start"; show its problems at the date.
  form.querySelector('[data-field="date"]').dataset.field = "start";
  return form;
}

function booking(file, context, refresh) {
  const wished = file.answers?.["bg.contact"];
  const booked = file.booking
    ? h("p", {}, t("case.booked", { time: formatLocalTime(file.booking.startsAt), mode: t(`mode.${file.booking.mode}`), place: file.booking.place }))
    : h("p", { class: "muted" }, t("case.notBooked"));
  const offers = file.offers?.length
    ? h("div", {}, h("p", {}, t("case.offeredTimes")),
      h("ul", {}, file.offers.map((slot) => h("li", {},
        t("case.offeredTime", { time: formatLocalTime(slot.startsAt), mode: t(`mode.${slot.mode}`), place: slot.place }), " ",
        file.mayWrite ? h("button", {
          type: "button", class: "link",
          onclick: async () => {
            if (await context.attempt(() => api("DELETE", `slots/${slot.id}`))) await refresh();
          },
        }, t("case.withdrawOffer")) : null))))
    : null;
  let offer = null;
  if (!file.booking && ["claimed"].includes(file.state) && file.mayWrite) {
    offer = h("details", { class: "offer" },
      h("summary", {}, t("case.offer")),
      h("p", { class: "hint" }, t("case.offerHint")),
      wished && modes.includes(wished) ? h("p", {}, t("case.wishedMode", { mode: t(`mode.${wished}`) })) : null,
      slotForm(context, { mode: modes.includes(wished) ? wished : "phone", offerTo: file.reference }, async () => {
        context.notify(t("case.offered"));
        await refresh();
      }));
  }
  return section(t("case.booking"), booked, offers, offer);
}

function decision(file) {
  if (!file.decision && !file.closedOn) return null;
  const decided = file.decision;
  return section(t("decision.title"),
    decided ? h("p", {}, h("strong", {}, t("decision.text", { track: t(`track.${decided.track}`), date: formatDay(decided.plannedStart) }))) : null,
    decided?.provider ? h("p", {}, t("decision.provider", { name: decided.provider.name })) : null,
    decided?.reason ? h("p", {}, decided.reason) : null,
    decided?.startDelayReason ? h("p", {}, decided.startDelayReason) : null,
    file.closedOn ? h("p", {}, t("decision.closed", { date: formatDay(file.closedOn) })) : null,
    file.closeReason ? h("p", {}, file.closeReason) : null);
}

async function actionForm(action, file, context, done) {
  const paths = { hand_over: "handover", decide: "decision", close: "close" };
  const post = (body) => api("POST", `cases/${file.reference}/${paths[action]}`, body);
  if (action === "hand_over") {
    const staff = await context.attempt(() => api("GET", "staff"));
    const to = h("select", { name: "to", required: true },
      (staff?.items ?? []).filter((account) => !account.isDisabled && account.username !== file.assignee)
        .map((account) => h("option", { value: account.username }, account.username)));
    const form = h("form", { class: "stack", onsubmit: (event) => submit(event, form, () => post({ to: formValues(form).to }), done, context) },
      field(t("handover.to"), to), h("button", { type: "submit", class: "primary" }, t("action.hand_over")));
    return form;
  }
  if (action === "decide") {
    const providers = await context.attempt(() => api("GET", "providers"));
    const track = h("select", { name: "track" }, tracks.map((value) => h("option", { value, selected: value === file.suggestedTrack }, t(`track.${value}`))));
    const provider = h("select", { name: "provider" }, h("option", { value: "" }, t("decide.noProvider")),
      (providers?.items ?? []).filter((entry) => entry.isActive !== false).map((entry) => h("option", { value: entry.slug }, entry.name)));
    const start = h("input", { type: "date", name: "plannedStart", required: true, value: file.startDeadline ?? today() });
    // The person's message is shown first, in their language, exactly as it will be sent; a
    // change to the form asks for a new look before the decision goes.
    const preview = h("div", { class: "letter-preview", hidden: "" });
    const send = h("button", { type: "submit", class: "primary" }, t("decide.preview"));
    let previewed = null;
    const body = () => {
      const values = formValues(form);
      const request = { track: values.track, plannedStart: values.plannedStart };
      for (const name of ["reason", "provider", "startDelayReason", "message"]) if (values[name]) request[name] = values[name];
      return request;
    };
    const form = h("form", {
      class: "stack",
      oninput: () => {
        previewed = null;
        preview.hidden = true;
        send.textContent = t("decide.preview");
      },
      onsubmit: async (event) => {
        event.preventDefault();
        const request = body();
        if (previewed !== JSON.stringify(request)) {
          const shown = await context.attempt(() => api("POST", `cases/${file.reference}/decision/preview`, request), form);
          if (!shown) return;
          // The form is right now: the earlier refusal's marks go.
          showFieldErrors(form, []);
          context.clearNotice();
          previewed = JSON.stringify(request);
          replace(preview,
            h("h4", {}, t("decide.previewTitle", { language: t(`language.${shown.language}`) })),
            h("p", { class: "letter", lang: shown.language }, shown.message));
          preview.hidden = false;
          send.textContent = t("decide.send");
          preview.querySelector("h4").setAttribute("tabindex", "-1");
          preview.querySelector("h4").focus();
          return;
        }
        await submit(event, form, () => post(request), done, context);
      },
    },
    field(t("decide.track"), track),
    field(t("decide.reason"), h("textarea", { name: "reason", rows: 2, maxlength: 1000 }), t("decide.reasonHint")),
    field(t("decide.provider"), provider),
    field(t("decide.start"), start),
    field(t("decide.delayReason"), h("textarea", { name: "startDelayReason", rows: 2, maxlength: 1000 }),
      file.startDeadline ? t("decide.delayHint", { date: formatDay(file.startDeadline) }) : t("decide.delayHintNoDeadline")),
    field(t("decide.message"), h("textarea", { name: "message", rows: 3, maxlength: 1000 }), t("decide.messageHint")),
    preview,
    send);
    return form;
  }
  if (action === "close") {
    const form = h("form", {
      class: "stack",
      onsubmit: (event) => submit(event, form, () => {
        const reason = formValues(form).reason;
        return post(reason ? { reason } : {});
      }, done, context),
    },
    field(t("close.reason"), h("textarea", { name: "reason", rows: 2, maxlength: 1000 }), file.decision ? null : t("close.reasonHint")),
    h("button", { type: "submit", class: "primary" }, t("action.close")));
    return form;
  }
  return null;
}

async function submit(event, form, work, done, context) {
  event.preventDefault();
  const result = await context.attempt(work, form);
  if (result) await done();
}

function actions(file, context, refresh) {
  // What the API says this staff member may do now (IntakeCase.actions(for:)).
  const offered = file.yourActions;
  if (!offered.length) {
    return section(t("case.actions"), h("p", { class: "muted" },
      ["closed", "withdrawn"].includes(file.state) ? t("case.noActions") : t("case.writeNotAllowed")));
  }
  const area = h("div", { class: "action-form" });
  const done = async () => {
    context.notify(t("action.done"));
    await refresh();
  };
  const buttons = offered.map((action) => h("button", {
    type: "button",
    class: action === "claim" ? "primary" : null,
    "aria-expanded": ["hand_over", "decide", "close"].includes(action) ? "false" : null,
    onclick: async (event) => {
      if (action === "claim" || action === "release") {
        const changed = await context.attempt(() => api("POST", `cases/${file.reference}/${action}`));
        if (changed) await done();
        return;
      }
      if (action === "cancel_booking") {
        const changed = await context.attempt(() => api("DELETE", `cases/${file.reference}/booking`));
        if (changed) await done();
        return;
      }
      for (const button of area.parentElement.querySelectorAll("[aria-expanded]")) button.setAttribute("aria-expanded", "false");
      event.currentTarget.setAttribute("aria-expanded", "true");
      replace(area, h("h3", {}, t(`action.${action}`)), await actionForm(action, file, context, done));
      area.querySelector("select, textarea, input")?.focus();
    },
  }, t(`action.${action}`)));
  return section(t("case.actions"), h("div", { class: "buttons" }, buttons), area);
}

export async function render(main, [reference], context) {
  if (readOut && readOut.reference !== reference.toUpperCase()) readOut = null;
  async function load() {
    if (remembered && remembered.reference === reference.toUpperCase()) {
      const file = remembered;
      remembered = null;
      return file;
    }
    return context.attempt(() => api("GET", `cases/${reference}`));
  }

  async function draw(file) {
    const answerSection = await answers(file, context);
    const document = await context.attempt(() => questionnaire());
    replace(main,
      h("p", {}, h("a", { href: "#/queue" }, `← ${t("case.back")}`)),
      h("h1", {}, t("case.title", { reference: file.reference })),
      h("div", { class: "case-grid" },
        h("div", { class: "case-main" }, ownWords(file, document), section(t("case.summary"), summary(file)), profile(file), answerSection),
        h("div", { class: "case-side" }, newCodeByPhone(file, context), actions(file, context, refresh), decision(file), conversation(file, context, refresh),
          booking(file, context, refresh))));
  }

  async function refresh() {
    const file = await context.attempt(() => api("GET", `cases/${reference}`));
    if (!file) return;
    await draw(file);
    main.querySelector("h1")?.setAttribute("tabindex", "-1");
    main.querySelector("h1")?.focus();
  }

  const file = await load();
  if (!file) {
    replace(main, h("p", {}, h("a", { href: "#/queue" }, `← ${t("case.back")}`)), h("h1", {}, t("case.title", { reference })));
    return;
  }
  await draw(file);
  document.documentElement.lang = language;
}
