// The console's messages at the top of the page, and the one way a view runs an API call.
import { ApiError } from "./api.js";
import { replace, showFieldErrors } from "./dom.js";
import { t } from "./i18n.js";

const flash = document.getElementById("flash");

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
