// The staff API, same origin. The session is an HttpOnly, SameSite=Strict cookie the page cannot
// read; every state-changing request carries the session's anti-forgery token, which lives only in
// this module's memory (a reload asks `GET session` for it again).
import { language } from "./i18n.js";

const markerKey = "indgang.staff.loggedIn";
let csrfToken = null;
let loggedIn = false;

/** Whether this tab has logged in (a marker only: the session itself is the HttpOnly cookie). */
export function mayHaveSession() {
  try {
    return sessionStorage.getItem(markerKey) === "1";
  } catch {
    return true;
  }
}

/** An answer of the API that is not a success, with its message and per-field items. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.items = body?.error?.items ?? [];
    this.allowedActions = body?.error?.allowedActions;
  }
}

let sessionExpired = async () => false;

/** Called when the session ends mid-work: resolves true once the person has logged in again. */
export function onSessionExpired(handler) {
  sessionExpired = handler;
}

/** Remembers the session the API answered (`null`: logged out), and its anti-forgery token. */
export function setSession(session) {
  loggedIn = Boolean(session);
  csrfToken = session?.csrfToken ?? (session ? csrfToken : null);
  try {
    if (session) sessionStorage.setItem(markerKey, "1");
    else sessionStorage.removeItem(markerKey);
  } catch {
    // Storage refused (a private window): every load asks the server instead.
  }
}

/**
 * One request: JSON in, JSON out. A 401 while logged in asks the person to log in again and
 * then repeats the request, so nothing typed is lost; other failures throw `ApiError`.
 */
export async function api(method, path, body, { retry = true } = {}) {
  const headers = { "Accept-Language": language, Accept: "application/json" };
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`/staff/v1/${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: "no-store", credentials: "same-origin",
  });
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (response.status === 401 && loggedIn && retry && path !== "session") {
    setSession(null);
    if (await sessionExpired()) return api(method, path, body, { retry: false });
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** Builds a query string from the values that are set. */
export function query(values) {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) parameters.set(name, value);
  const text = parameters.toString();
  return text ? `?${text}` : "";
}
