// The staff API, same origin. The bearer token lives in sessionStorage: it is gone when the tab
// closes, and the strict Content-Security-Policy keeps other scripts from reading it.
import { language } from "./i18n.js";

const tokenKey = "indgang.staff.token";

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

export function hasToken() {
  return Boolean(sessionStorage.getItem(tokenKey));
}

export function setToken(token) {
  if (token) sessionStorage.setItem(tokenKey, token);
  else sessionStorage.removeItem(tokenKey);
}

/**
 * One request: JSON in, JSON out. A 401 while logged in asks the person to log in again and
 * then repeats the request, so nothing typed is lost; other failures throw `ApiError`.
 */
export async function api(method, path, body, { retry = true } = {}) {
  const headers = { "Accept-Language": language, Accept: "application/json" };
  const token = sessionStorage.getItem(tokenKey);
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`/staff/v1/${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: "no-store", credentials: "omit",
  });
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (response.status === 401 && token && retry && path !== "session") {
    setToken(null);
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
