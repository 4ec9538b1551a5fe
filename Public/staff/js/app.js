// The staff console: one page, views chosen by the address's #fragment, everything through the
// staff API on the same origin. No build step: plain modules.
import { api, mayHaveSession, onSessionExpired } from "./api.js";
import { h, replace } from "./dom.js";
import { language, setLanguage, t } from "./i18n.js";
import { attempt, clearNotice, notify } from "./notice.js";
import { askToLogInAgain, currentSession, loginForm, logOut, logOutEverywhere, passwordSection, secondFactorSection } from "./session.js";
import * as queue from "./views/queue.js";
import * as caseView from "./views/case.js";
import * as slots from "./views/slots.js";
import * as admin from "./views/admin.js";
import * as newCase from "./views/newcase.js";

const main = document.getElementById("main");
const top = document.getElementById("top");
let me = null;
let cleanup = null;

const routes = [
  { pattern: /^#\/queue$/, view: queue.render, nav: "queue" },
  { pattern: /^#\/case\/([0-9A-Za-z-]+)$/, view: caseView.render, nav: "queue" },
  { pattern: /^#\/slots(?:\/(\d{4}-\d{2}-\d{2}))?$/, view: slots.render, nav: "slots" },
  { pattern: /^#\/new-case$/, view: newCase.render, nav: "newCase" },
  { pattern: /^#\/admin\/staff$/, view: admin.renderStaff, nav: "staff", admin: true },
  { pattern: /^#\/admin\/providers$/, view: admin.renderProviders, nav: "providers", admin: true },
  { pattern: /^#\/admin\/partners$/, view: admin.renderPartners, nav: "partners", admin: true },
  { pattern: /^#\/admin\/audit$/, view: admin.renderAudit, nav: "audit", admin: true },
  { pattern: /^#\/admin\/stats$/, view: admin.renderStats, nav: "stats", admin: true },
  { pattern: /^#\/admin\/alerts$/, view: admin.renderAlerts, nav: "alerts", admin: true },
  { pattern: /^#\/password$/, view: (target) => replace(target, passwordSection(false, afterPasswordChange)), nav: "password" },
];

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
  // Until the own password and the second factor are set, nothing else answers: no menu, no search.
  if (me.mustChangePassword || me.mustSetUpSecondFactor) {
    replace(top, h("div", { class: "brand" }, t("app.name")),
      h("div", { class: "who" },
        h("span", {}, t("app.loggedInAs", { name: me.username })),
        h("button", { type: "button", class: "link", onclick: logOutAndShowLogin }, t("app.logOut")),
        languageButton()));
    return;
  }
  const link = (hash, key) =>
    h("li", {}, h("a", { href: hash, "aria-current": active === key ? "page" : null }, t(`nav.${key}`)));
  const items = [link("#/queue", "queue"), link("#/slots", "slots"), link("#/new-case", "newCase")];
  if (me.role === "admin") {
    items.push(link("#/admin/staff", "staff"), link("#/admin/providers", "providers"), link("#/admin/partners", "partners"),
      link("#/admin/audit", "audit"), link("#/admin/stats", "stats"), link("#/admin/alerts", "alerts"));
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
      h("button", { type: "button", class: "link", onclick: logOutAndShowLogin }, t("app.logOut")),
      h("button", { type: "button", class: "link", onclick: logOutEverywhereAndShowLogin }, t("app.logOutEverywhere")),
      languageButton()));
}

function languageButton() {
  return h("button", {
    type: "button", class: "link", lang: language === "da" ? "en" : "da", "aria-label": t("app.languageLabel"),
    onclick: async () => {
      setLanguage(language === "da" ? "en" : "da");
      // The installation's warnings come in the session's language: ask again.
      if (me) me = (await currentSession()) ?? me;
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
    caseView.remember(found, token);
    context.navigate(`#/case/${found.reference}`);
  }
}

function renderLogin() {
  renderTop();
  const form = loginForm((session) => {
    me = session;
    route({ keepNotice: false });
  });
  replace(main, h("section", { class: "narrow" },
    h("h1", { tabindex: "-1" }, t("login.title")),
    h("p", {}, t("login.intro")),
    form));
  main.querySelector("h1").focus();
}

function renderSecondFactorSetup() {
  renderTop();
  replace(main, secondFactorSection(async () => {
    me = await currentSession();
    route({ keepNotice: false });
  }));
  main.querySelector("h1").focus();
}

/** What the installation's operator should know (two-step verification turned off), above every view. */
function renderWarnings() {
  document.getElementById("warnings")?.remove();
  if (!me?.warnings?.length) return;
  top.after(h("div", { id: "warnings", class: "warning-banner", role: "note" },
    h("strong", {}, `${t("twoStep.warning")}: `), me.warnings.join(" ")));
}

function renderPasswordChange() {
  renderTop();
  replace(main, passwordSection(true, afterPasswordChange));
  main.querySelector("h1").focus();
}

/** Every session ended with the new password: log in again. */
function afterPasswordChange() {
  me = null;
  route({ keepNotice: true });
}

async function logOutEverywhereAndShowLogin() {
  if (!(await logOutEverywhere())) return;
  me = null;
  route({ keepNotice: true });
}

async function logOutAndShowLogin() {
  await logOut();
  me = null;
  route({ keepNotice: true });
}

async function route({ keepNotice = false } = {}) {
  if (!keepNotice) clearNotice();
  document.documentElement.lang = language;
  document.title = t("app.name");
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  if (!me) {
    // The session cookie, if any, is the browser's to send: ask who it belongs to.
    me = mayHaveSession() ? await currentSession() : null;
    if (!me) {
      renderWarnings();
      return renderLogin();
    }
  }
  renderWarnings();
  if (me.mustChangePassword) return renderPasswordChange();
  if (me.mustSetUpSecondFactor) return renderSecondFactorSetup();
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

onSessionExpired(() => askToLogInAgain(me?.username, (session) => {
  me = session;
  route({ keepNotice: false });
}));
// The skip link moves focus only: as a plain #main link it would change the view's address.
document.querySelector(".skip").addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener("hashchange", () => route());
route();
