// The staff console: one page, views chosen by the address's #fragment, everything through the
// staff API on the same origin. No build step: plain modules.
import { api, ApiError, hasToken, onSessionExpired, setToken } from "./api.js";
import { setServiceClock } from "./dates.js";
import { field, formValues, h, replace, showFieldErrors } from "./dom.js";
import { language, setLanguage, t } from "./i18n.js";
import * as queue from "./views/queue.js";
import * as caseView from "./views/case.js";
import * as slots from "./views/slots.js";
import * as admin from "./views/admin.js";

const main = document.getElementById("main");
const top = document.getElementById("top");
const flash = document.getElementById("flash");
let me = null;
let cleanup = null;

const routes = [
  { pattern: /^#\/queue$/, view: queue.render, nav: "queue" },
  { pattern: /^#\/case\/([0-9A-Za-z-]+)$/, view: caseView.render, nav: "queue" },
  { pattern: /^#\/slots(?:\/(\d{4}-\d{2}-\d{2}))?$/, view: slots.render, nav: "slots" },
  { pattern: /^#\/admin\/staff$/, view: admin.renderStaff, nav: "staff", admin: true },
  { pattern: /^#\/admin\/providers$/, view: admin.renderProviders, nav: "providers", admin: true },
  { pattern: /^#\/admin\/partners$/, view: admin.renderPartners, nav: "partners", admin: true },
  { pattern: /^#\/admin\/audit$/, view: admin.renderAudit, nav: "audit", admin: true },
  { pattern: /^#\/admin\/stats$/, view: admin.renderStats, nav: "stats", admin: true },
  { pattern: /^#\/password$/, view: (target) => replace(target, passwordSection(false)), nav: "password" },
];

/** Shows a message at the top of the page and announces it; errors as alerts. */
export function notify(message, kind = "ok") {
  flash.className = `flash flash-${kind}`;
  flash.setAttribute("role", kind === "error" ? "alert" : "status");
  replace(flash, message);
  flash.hidden = false;
}

export function clearNotice() {
  flash.hidden = true;
  replace(flash);
}

/** Runs an API call for a view: a refusal becomes a message (and field errors on `form`), never a crash. */
export async function attempt(work, form) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiError) {
      if (form) showFieldErrors(form, error.items);
      notify(error.message, "error");
    } else {
      notify(t("app.networkError"), "error");
    }
    return undefined;
  }
}

const context = {
  get me() { return me; },
  notify,
  clearNotice,
  attempt,
  navigate(hash) {
    if (location.hash === hash) route();
    else location.hash = hash;
  },
  rerender: () => route({ keepNotice: true }),
};

function renderTop(active) {
  if (!me) {
    replace(top, h("div", { class: "brand" }, t("app.name")), languageButton());
    return;
  }
  const link = (hash, key) =>
    h("li", {}, h("a", { href: hash, "aria-current": active === key ? "page" : null }, t(`nav.${key}`)));
  const items = [link("#/queue", "queue"), link("#/slots", "slots")];
  if (me.role === "admin") {
    items.push(link("#/admin/staff", "staff"), link("#/admin/providers", "providers"), link("#/admin/partners", "partners"),
      link("#/admin/audit", "audit"), link("#/admin/stats", "stats"));
  }
  const tokenInput = h("input", {
    name: "token", type: "text", autocomplete: "off", spellcheck: "false", autocapitalize: "characters",
    placeholder: t("find.placeholder"), class: "token-input",
  });
  const find = h("form", { class: "find", role: "search", onsubmit: (event) => findByToken(event, tokenInput) },
    h("label", { for: "find-token" }, t("find.label")),
    h("div", { class: "inline" }, Object.assign(tokenInput, { id: "find-token" }), h("button", { type: "submit" }, t("find.submit"))));
  replace(top,
    h("div", { class: "brand" }, t("app.name")),
    h("nav", { "aria-label": t("nav.label") }, h("ul", {}, items)),
    find,
    h("div", { class: "who" },
      h("span", {}, t("app.loggedInAs", { name: me.username })),
      h("a", { href: "#/password", "aria-current": active === "password" ? "page" : null }, t("password.change")),
      h("button", { type: "button", class: "link", onclick: logOut }, t("app.logOut")),
      languageButton()));
}

function languageButton() {
  return h("button", {
    type: "button", class: "link", lang: language === "da" ? "en" : "da", "aria-label": t("app.languageLabel"),
    onclick: () => {
      setLanguage(language === "da" ? "en" : "da");
      route({ keepNotice: false });
    },
  }, t("app.language"));
}

async function findByToken(event, input) {
  event.preventDefault();
  const token = input.value.trim();
  if (!token) return input.focus();
  const found = await attempt(() => api("POST", "cases/lookup", { token }));
  if (found) {
    input.value = "";
    caseView.remember(found);
    context.navigate(`#/case/${found.reference}`);
  }
}

async function logOut() {
  await api("DELETE", "session").catch(() => null);
  setToken(null);
  me = null;
  notify(t("login.loggedOut"));
  route({ keepNotice: true });
}

/** The login form, used on its own page and in the dialog after a session ends. */
function loginForm(onDone) {
  const username = h("input", { name: "username", autocomplete: "username", required: true });
  const password = h("input", { name: "password", type: "password", autocomplete: "current-password", required: true });
  const form = h("form", {
    class: "stack",
    onsubmit: async (event) => {
      event.preventDefault();
      const values = formValues(form);
      const session = await attempt(() => api("POST", "session", { username: values.username, password: values.password }), form);
      if (!session) return;
      setToken(session.token);
      me = session;
      setServiceClock(session.clock);
      clearNotice();
      onDone(session);
    },
  },
  field(t("login.username"), username),
  field(t("login.password"), password),
  h("button", { type: "submit", class: "primary" }, t("login.submit")));
  return form;
}

function renderLogin() {
  renderTop();
  const form = loginForm(() => route({ keepNotice: false }));
  replace(main, h("section", { class: "narrow" },
    h("h1", { tabindex: "-1" }, t("login.title")),
    h("p", {}, t("login.intro")),
    form));
  main.querySelector("h1").focus();
}

/** Choosing a new password: forced after a one-time password, or from the menu. */
function passwordSection(isOneTime) {
  const current = h("input", { name: "currentPassword", type: "password", autocomplete: "current-password", required: true });
  const next = h("input", { name: "newPassword", type: "password", autocomplete: "new-password", required: true, minlength: 12 });
  const form = h("form", {
    class: "stack",
    onsubmit: async (event) => {
      event.preventDefault();
      const done = await attempt(() => api("POST", "password", formValues(form)), form);
      if (!done) return;
      setToken(null);
      me = null;
      notify(t("password.done"));
      route({ keepNotice: true });
    },
  }, field(t(isOneTime ? "password.current" : "password.currentOwn"), current), field(t("password.new"), next, t("password.rules")),
  h("button", { type: "submit", class: "primary" }, t("password.submit")));
  return h("section", { class: "narrow" },
    h("h1", { tabindex: "-1" }, t(isOneTime ? "password.title" : "password.change")),
    h("p", {}, t(isOneTime ? "password.intro" : "password.introOwn")), form);
}

function renderPasswordChange() {
  renderTop();
  replace(main, passwordSection(true));
  main.querySelector("h1").focus();
}

/** After a session ends mid-work: a dialog over the page, so the page and what was typed stay. */
function askToLogInAgain() {
  return new Promise((resolve) => {
    const dialog = document.getElementById("relogin");
    const previousUser = me?.username;
    replace(dialog,
      h("h2", { id: "relogin-title" }, t("login.expiredTitle")),
      h("p", {}, t("login.expired")),
      loginForm((session) => {
        dialog.close();
        // Someone else logged in: draw the view again for them, and do not repeat the previous
        // person's request in their name.
        const samePerson = !previousUser || session.username === previousUser;
        if (!samePerson) route({ keepNotice: false });
        resolve(samePerson);
      }),
      h("button", { type: "button", class: "link", onclick: () => { dialog.close(); resolve(false); } }, t("app.cancel")));
    dialog.setAttribute("aria-labelledby", "relogin-title");
    dialog.addEventListener("cancel", () => resolve(false), { once: true });
    dialog.showModal();
    dialog.querySelector("input")?.focus();
  });
}

async function route({ keepNotice = false } = {}) {
  if (!keepNotice) clearNotice();
  document.documentElement.lang = language;
  document.title = t("app.name");
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  if (!hasToken()) {
    me = null;
    return renderLogin();
  }
  if (!me) {
    me = await api("GET", "session", undefined, { retry: false }).catch(() => null);
    if (!me) {
      setToken(null);
      return renderLogin();
    }
    setServiceClock(me.clock);
  }
  if (me.mustChangePassword) return renderPasswordChange();
  if (!location.hash || location.hash === "#" || location.hash === "#/") {
    history.replaceState(null, "", "#/queue");
  }
  let match = routes.map((entry) => ({ entry, found: location.hash.match(entry.pattern) })).find(({ found }) => found);
  if (match?.entry.admin && me.role !== "admin") {
    // Someone else logged in on this tab: start them at the queue, not on a page they may not see.
    history.replaceState(null, "", "#/queue");
    match = { entry: routes[0], found: ["#/queue"] };
  }
  if (!match) {
    renderTop();
    replace(main, h("h1", { tabindex: "-1" }, t("app.notFound")));
    return;
  }
  renderTop(match.entry.nav);
  replace(main, h("p", { class: "loading" }, t("app.loading")));
  cleanup = (await match.entry.view(main, match.found.slice(1), context)) ?? null;
  const heading = main.querySelector("h1");
  if (heading && !main.contains(document.activeElement)) {
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
  document.title = `${heading?.textContent ?? ""} · ${t("app.name")}`;
}

onSessionExpired(askToLogInAgain);
// The skip link moves focus only: as a plain #main link it would change the view's address.
document.querySelector(".skip").addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener("hashchange", () => route());
route();
