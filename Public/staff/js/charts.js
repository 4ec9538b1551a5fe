// Charts drawn as SVG from data, with the numbers also in a table for screen readers. Only
// attributes and classes, never inline styles (the Content-Security-Policy forbids them).
import { h } from "./dom.js";
import { domains, formatNumber, t, tracks } from "./i18n.js";

/** The seven composites as horizontal bars from 0 to 1, with the line at 0.5. */
export function compositeChart(composites) {
  const labelWidth = 190;
  const barWidth = 300;
  const rowHeight = 30;
  const top = 22;
  const height = top + domains.length * rowHeight + 8;
  const x = (value) => labelWidth + value * barWidth;
  const svg = h("svg:svg", {
    viewBox: `0 0 ${labelWidth + barWidth + 60} ${height}`, class: "chart composite-chart", role: "img", "aria-label": t("case.chartLabel"),
  });
  for (const tick of [0, 0.5, 1]) {
    svg.append(h("svg:text", { x: x(tick), y: 14, class: "tick", "text-anchor": "middle" }, formatNumber(tick, tick === 0.5 ? 1 : 0)));
  }
  domains.forEach((domain, index) => {
    const y = top + index * rowHeight;
    const value = composites[domain];
    svg.append(h("svg:text", { x: labelWidth - 10, y: y + 19, class: "label", "text-anchor": "end" }, t(`domain.${domain}`)));
    svg.append(h("svg:rect", { x: x(0), y: y + 5, width: barWidth, height: 20, class: "track" }));
    if (value === null || value === undefined) {
      svg.append(h("svg:text", { x: x(0) + 8, y: y + 19, class: "value muted" }, t("case.notScored")));
    } else {
      svg.append(h("svg:rect", { x: x(0), y: y + 5, width: Math.max(value * barWidth, 1), height: 20, class: value >= 0.5 ? "bar bar-high" : "bar" }));
      svg.append(h("svg:text", { x: x(value) + 6, y: y + 19, class: "value" }, formatNumber(value)));
    }
  });
  svg.append(h("svg:line", { x1: x(0.5), x2: x(0.5), y1: top, y2: height - 4, class: "threshold" }));
  const table = h("table", { class: "visually-hidden" },
    h("caption", {}, t("case.chartLabel")),
    h("tbody", {}, domains.map((domain) => h("tr", {},
      h("th", { scope: "row" }, t(`domain.${domain}`)),
      h("td", {}, composites[domain] === null || composites[domain] === undefined ? t("case.notScored") : formatNumber(composites[domain]))))));
  return h("figure", { class: "chart-figure" }, svg, table);
}

/** A count from the statistics: a number, or "<5" drawn as 2 and labelled "<5". */
function countValue(count) {
  if (typeof count === "number") return { value: count, label: String(count) };
  if (count === "<5") return { value: 2, label: "<5" };
  return { value: 0, label: "0" };
}

/** New cases per week as stacked bars by track, with the numbers in a table below. */
export function weeklyChart(weeks) {
  const barWidth = 28;
  const gap = 12;
  const chartHeight = 180;
  const left = 36;
  const bottom = 40;
  const totals = weeks.map((week) => tracks.reduce((sum, track) => sum + countValue(week.byTrack[track]).value, 0));
  // An even top, so the middle line falls on a whole number.
  const maximum = Math.ceil(Math.max(4, ...totals) / 2) * 2;
  const width = left + weeks.length * (barWidth + gap) + gap;
  const y = (value) => chartHeight - (value / maximum) * chartHeight + 10;
  const svg = h("svg:svg", {
    viewBox: `0 0 ${Math.max(width, 200)} ${chartHeight + bottom + 10}`, width: Math.max(width, 200), height: chartHeight + bottom + 10,
    class: "chart weekly-chart", role: "img", "aria-label": t("stats.chartLabel"),
  });
  for (const tick of [0, maximum / 2, maximum]) {
    svg.append(h("svg:text", { x: left - 6, y: y(tick) + 4, class: "tick", "text-anchor": "end" }, tick));
    svg.append(h("svg:line", { x1: left, x2: width, y1: y(tick), y2: y(tick), class: "grid" }));
  }
  weeks.forEach((week, index) => {
    const x = left + gap + index * (barWidth + gap);
    let base = 0;
    for (const track of tracks) {
      const { value, label } = countValue(week.byTrack[track]);
      if (!value) continue;
      svg.append(h("svg:rect", { x, y: y(base + value), width: barWidth, height: y(base) - y(base + value), class: `bar bar-${track}` },
        h("svg:title", {}, `${week.week} · ${t(`track.${track}`)}: ${label}`)));
      base += value;
    }
    svg.append(h("svg:text", { x: x + barWidth / 2, y: chartHeight + 28, class: "tick", "text-anchor": "middle" }, week.week.slice(-3)));
  });
  const legend = h("ul", { class: "legend" }, tracks.map((track) => h("li", {}, h("span", { class: `swatch bar-${track}` }), t(`track.${track}`))));
  const table = h("table", { class: "numbers" },
    h("caption", {}, t("stats.chartLabel")),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("stats.week")),
      tracks.map((track) => h("th", { scope: "col" }, t(`track.${track}`))), h("th", { scope: "col" }, t("stats.total")))),
    h("tbody", {}, weeks.map((week) => h("tr", {},
      h("th", { scope: "row", class: "week-name" }, week.week),
      tracks.map((track) => h("td", { class: "number" }, countValue(week.byTrack[track]).label)),
      h("td", { class: "number" }, countValue(week.total).label)))));
  return h("figure", { class: "chart-figure" }, svg, legend, table);
}
