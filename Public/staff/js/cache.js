// Data that changes rarely, fetched once per language or per page load.
import { api } from "./api.js";
import { language } from "./i18n.js";

const questionnaires = new Map();

/** The questionnaire in the console's language: item wording and answer labels. */
export async function questionnaire() {
  if (!questionnaires.has(language)) questionnaires.set(language, await api("GET", `questionnaire?lang=${language}`));
  return questionnaires.get(language);
}

/** The municipality options (code and name) from the questionnaire. */
export async function municipalities() {
  const document = await questionnaire();
  for (const section of document.sections) {
    const item = section.items.find((entry) => entry.id === "bg.municipality");
    if (item) return item.options ?? [];
  }
  return [];
}

/** The label of an answer value of `item`, or the value itself. */
export function answerLabel(item, value, skipLabel) {
  if (value === "skip") return skipLabel;
  if (Array.isArray(value)) return value.map((entry) => answerLabel(item, entry, skipLabel)).join(", ");
  const option = item.options?.find((entry) => String(entry.value) === String(value));
  return option ? option.label : String(value);
}
