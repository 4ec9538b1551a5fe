// Days and times in the console. "Today" and "now" are the service's: its clock and its time
// zone come with the session (GET /staff/v1/session), so a counsellor whose laptop is set to
// another zone, or whose clock is off, still sees the deadlines and the week the service counts.
// Days are YYYY-MM-DD strings; their arithmetic is calendar arithmetic in UTC, which has no
// daylight saving time to skip an hour.

let timeZone = "Europe/Copenhagen";
// How far the service's clock is ahead of the browser's, in milliseconds.
let offset = 0;

/** Takes the service's clock from a session answer: `{ now, today, timeZone }`. */
export function setServiceClock(clock) {
  if (!clock) return;
  try {
    new Intl.DateTimeFormat("en", { timeZone: clock.timeZone });
    timeZone = clock.timeZone;
  } catch {
    // A zone this browser does not know: keep the default rather than the browser's own.
  }
  const serviceNow = Date.parse(clock.now);
  if (!Number.isNaN(serviceNow)) offset = serviceNow - Date.now();
}

/** The zone the service counts days in. */
export function serviceTimeZone() {
  return timeZone;
}

/** Now by the service's clock, in milliseconds since 1970. */
export function serviceNow() {
  return Date.now() + offset;
}

/** The date and time of an instant (milliseconds, default now) in the service's zone: `{ date, time }`. */
export function localAt(instant = serviceNow()) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }).formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** Today in the service's zone, YYYY-MM-DD. */
export function today() {
  return localAt().date;
}

/** An instant (ISO 8601) as a date and time in the service's zone, as people read it. */
export function formatInstant(text, locale) {
  return new Date(text).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
}

const pad = (number) => String(number).padStart(2, "0");

/** Midnight UTC of a day, for calendar arithmetic. */
export function parseDay(text) {
  const [year, month, day] = text.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

/** The day of a date made by `parseDay`. */
export function isoDay(date) {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** The day `count` calendar days after `day` (before, when negative). */
export function addDays(day, count) {
  const date = parseDay(day);
  date.setUTCDate(date.getUTCDate() + count);
  return isoDay(date);
}

/** The Monday of the ISO week `day` lies in. */
export function mondayOf(day) {
  return addDays(day, -((parseDay(day).getUTCDay() + 6) % 7));
}

/** The ISO week of a day: `{ year, week, name: "2026-W47" }`. */
export function isoWeek(day) {
  const thursday = parseDay(addDays(mondayOf(day), 3));
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return { year, week, name: `${year}-W${pad(week)}` };
}
