// Logging in, choosing a password, logging in again when a session ends mid-work, and logging
// out. The session is the API's, in an HttpOnly cookie: this module only asks for it.
import { api, setSession } from "./api.js";
import { setServiceClock } from "./dates.js";
import { field, formValues, h, replace } from "./dom.js";
import { t } from "./i18n.js";
import { attempt, clearNotice, notify } from "./notice.js";

const devicesKey = "indgang.devices";

/** The device tokens this browser got, by username: with one, the browser logs into that account
 * at once even while someone elsewhere guesses at its password. A token alone opens nothing. */
function devices() {
  try {
    return JSON.parse(localStorage.getItem(devicesKey) ?? "{}") ?? {};
  } catch {
    return {};
  }
}

function rememberDevice(username, device) {
  if (!device) return;
  try {
    localStorage.setItem(devicesKey, JSON.stringify({ ...devices(), [username]: device }));
  } catch {
    // Private windows may refuse storage: the login works, only without the shortcut.
  }
}

/** The login form, used on its own page and in the dialog after a session ends. */
export function loginForm(onDone) {
  const username = h("input", { name: "username", autocomplete: "username", required: true });
  const password = h("input", { name: "password", type: "password", autocomplete: "current-password", required: true });
  const code = h("input", {
    name: "code", type: "text", inputmode: "numeric", autocomplete: "one-time-code", spellcheck: "false", maxlength: 24, class: "code-input",
  });
  const form = h("form", {
    class: "stack",
    onsubmit: async (event) => {
      event.preventDefault();
      const values = formValues(form);
      const name = values.username.trim().toLowerCase();
      const device = devices()[name];
      const typed = values.code.trim();
      const session = await attempt(() => api("POST", "session", {
        username: values.username, password: values.password, session: "cookie", ...(typed ? { code: typed } : {}),
        ...(device ? { device } : {}),
      }), form);
      if (!session) return;
      rememberDevice(session.username, session.device);
      setSession(session);
      setServiceClock(session.clock);
      clearNotice();
      onDone(session);
    },
  },
  field(t("login.username"), username),
  field(t("login.password"), password),
  field(t("login.code"), code, t("login.codeHint")),
  h("button", { type: "submit", class: "primary" }, t("login.submit")));
  return form;
}

/** Setting up two-step verification, right after the first password: a QR code and the secret
 * as text for the authenticator app, then the app's code, then the ten recovery codes, shown
 * once. `onDone` goes on to the console. */
export function secondFactorSection(onDone) {
  const section = h("section", { class: "narrow" },
    h("h1", { tabindex: "-1" }, t("twoStep.title")),
    h("p", {}, t("twoStep.intro")));
  const showSetup = async () => {
    const setup = await attempt(() => api("POST", "session/second-factor"));
    if (!setup) return;
    const code = h("input", {
      name: "code", type: "text", inputmode: "numeric", autocomplete: "one-time-code", spellcheck: "false", maxlength: 12,
      required: true, class: "code-input",
    });
    const form = h("form", {
      class: "stack",
      onsubmit: async (event) => {
        event.preventDefault();
        const done = await attempt(() => api("POST", "session/second-factor/confirm", formValues(form)), form);
        if (done) showRecoveryCodes(done);
      },
    }, field(t("twoStep.code"), code, t("twoStep.codeHint")), h("button", { type: "submit", class: "primary" }, t("twoStep.confirm")));
    replace(section,
      h("h1", { tabindex: "-1" }, t("twoStep.title")),
      h("p", {}, t("twoStep.intro")),
      h("ol", { class: "steps" },
        h("li", {}, t("twoStep.step1")),
        h("li", {}, t("twoStep.step2"), qrImage(setup.qrSVG),
          h("p", {}, t("twoStep.typeInstead")), h("p", { class: "secret", id: "two-step-secret" }, setup.secret)),
        h("li", {}, t("twoStep.step3"), form)));
    section.querySelector("h1").focus();
  };
  const showRecoveryCodes = (done) => {
    replace(section,
      h("h1", { tabindex: "-1" }, t("twoStep.recoveryTitle")),
      h("p", {}, done.message),
      h("ol", { class: "recovery-codes", id: "recovery-codes" }, done.recoveryCodes.map((one) => h("li", {}, h("code", {}, one)))),
      h("p", {}, t("twoStep.recoveryPrint")),
      h("button", { type: "button", class: "primary", onclick: onDone }, t("twoStep.recoverySaved")));
    section.querySelector("h1").focus();
  };
  showSetup();
  return section;
}

/** The server's QR code (an SVG it drew) as a node of this page: parsed as SVG, never as HTML,
 * and only its drawing kept. */
function qrImage(svgText) {
  if (!svgText) return null;
  const parsed = new DOMParser().parseFromString(svgText, "image/svg+xml").documentElement;
  if (parsed.nodeName !== "svg" || parsed.querySelector("script, foreignObject")) return null;
  return h("div", { class: "qr" }, document.importNode(parsed, true));
}

/** The session the stored token opens, or null (and the token forgotten). */
export async function currentSession() {
  const session = await api("GET", "session", undefined, { retry: false }).catch(() => null);
  if (session) setServiceClock(session.clock);
  setSession(session);
  return session;
}

/** Choosing a new password: forced after a one-time password, or from the menu. Every session
 * of the account ends with it, so `onDone` sends the person to log in again. */
export function passwordSection(isOneTime, onDone) {
  const current = h("input", { name: "currentPassword", type: "password", autocomplete: "current-password", required: true });
  const next = h("input", { name: "newPassword", type: "password", autocomplete: "new-password", required: true, minlength: 12 });
  const form = h("form", {
    class: "stack",
    onsubmit: async (event) => {
      event.preventDefault();
      const done = await attempt(() => api("POST", "password", formValues(form)), form);
      if (!done) return;
      setSession(null);
      notify(t("password.done"));
      onDone();
    },
  }, field(t(isOneTime ? "password.current" : "password.currentOwn"), current), field(t("password.new"), next, t("password.rules")),
  h("button", { type: "submit", class: "primary" }, t("password.submit")));
  return h("section", { class: "narrow" },
    h("h1", { tabindex: "-1" }, t(isOneTime ? "password.title" : "password.change")),
    h("p", {}, t(isOneTime ? "password.intro" : "password.introOwn")), form);
}

/** After a session ends mid-work: a dialog over the page, so the page and what was typed stay.
 * Resolves true when the same person logged in again (their request may be repeated); when
 * someone else did, `onSomeoneElse` draws the view again for them. */
export function askToLogInAgain(previousUser, onSomeoneElse) {
  return new Promise((resolve) => {
    const dialog = document.getElementById("relogin");
    replace(dialog,
      h("h2", { id: "relogin-title" }, t("login.expiredTitle")),
      h("p", {}, t("login.expired")),
      loginForm((session) => {
        dialog.close();
        // Do not repeat the previous person's request in another's name.
        const samePerson = !previousUser || session.username === previousUser;
        if (!samePerson) onSomeoneElse(session);
        resolve(samePerson);
      }),
      h("button", { type: "button", class: "link", onclick: () => { dialog.close(); resolve(false); } }, t("app.cancel")));
    dialog.setAttribute("aria-labelledby", "relogin-title");
    dialog.addEventListener("cancel", () => resolve(false), { once: true });
    dialog.showModal();
    dialog.querySelector("input")?.focus();
  });
}

/** Ends the session on the server (if it still exists); the server removes the cookie. */
export async function logOut() {
  await api("DELETE", "session").catch(() => null);
  setSession(null);
  notify(t("login.loggedOut"));
}

/** Ends every session of the account, on every device (a lost laptop, a shared computer). */
export async function logOutEverywhere() {
  if (!window.confirm(t("login.everywhereConfirm"))) return false;
  await api("DELETE", "sessions").catch(() => null);
  setSession(null);
  notify(t("login.loggedOutEverywhere"));
  return true;
}
