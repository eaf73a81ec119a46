// The compare page, from api/results.json and api/benchmarks.json (one shared copy of the data, not one per
// page): chosen methods' best rows side by side on every benchmark, and a task's methods x benchmarks matrix.
// A method's best row on a benchmark is its own row with the best primary score, else the best re-evaluation
// another paper printed ("as reported by"), else a row without the primary metric: the leaderboards' rule. Both views download as LaTeX, BibTeX or CSV; the state lives in the URL (?m=paper-a,paper-b&task=x).
// Everything shown is set as text, never parsed as HTML.
import { wire } from "./export.js";
import { standing } from "./standing.js";

const SITE = new URL("../", import.meta.url);
const form = document.getElementById("compare");
const input = document.getElementById("method");
const suggestions = document.getElementById("suggestions");
const chosenList = document.getElementById("chosen");
const status = document.getElementById("status");
const comparison = document.getElementById("comparison");
const matrixForm = document.getElementById("matrix-form");
const matrix = document.getElementById("matrix");
const SUGGESTED = 8;
const MATRIX_ROWS = 500;

const load = (path) => fetch(new URL(path, SITE)).then((response) => response.json());
const [results, benchmarkList, backboneList, datasetList, paperList] = await Promise.all(
  ["api/results.json", "api/benchmarks.json", "api/backbones.json", "api/datasets.json", "api/papers.json"].map(load),
);
const paperNames = new Map(paperList.map((paper) => [paper.id, paper.method]));
// registered names ("ResNet-50", "BL30K") for the ids results carry
const backboneNames = new Map(backboneList.map((item) => [item.id, item.name]));
const datasetNames = new Map(datasetList.map((item) => [item.id, item.name]));
const benchmarks = new Map(benchmarkList.map((benchmark) => [benchmark.id, benchmark]));
const primaryOf = (benchmark) => benchmark.metrics.find((metric) => metric.id === benchmark.primary);
const names = new Map();
const best = new Map(); // paper -> benchmark -> result

const rowStanding = (result) =>
  standing(result.metrics[benchmarks.get(result.benchmark).primary] !== undefined, result.reported_by !== null);
const better = (result, other) => {
  const benchmark = benchmarks.get(result.benchmark);
  if (rowStanding(result) !== rowStanding(other)) return rowStanding(result) < rowStanding(other);
  const value = result.metrics[benchmark.primary];
  const current = other.metrics[benchmark.primary];
  if (value === undefined) return false;
  return primaryOf(benchmark).higher_is_better ? value > current : value < current;
};

results.forEach((result) => {
  names.set(result.paper, result.method);
  if (!best.has(result.paper)) best.set(result.paper, new Map());
  const rows = best.get(result.paper);
  const other = rows.get(result.benchmark);
  if (!other || better(result, other)) rows.set(result.benchmark, result);
});

// " w1 w2 w3": a term begins a word exactly where " " + term occurs
const words = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
const methods = Array.from(names, ([paper, name]) => ({ paper, name, folded: ` ${[...words(name), ...words(paper)].join(" ")}` }))
  .sort((a, b) => a.name.localeCompare(b.name) || a.paper.localeCompare(b.paper));

const params = new URLSearchParams(window.location.search);
const chosen = (params.get("m") || "").split(",").filter((paper) => names.has(paper));

const element = (tag, text, className) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
};
const link = (text, href) => {
  const node = element("a", text);
  node.href = href;
  return node;
};
const paperPage = (paper) => new URL(`papers/${paper}/index.html`, SITE).href;
const extra = (result) =>
  result.extra_training_data === null
    ? "?"
    : result.extra_training_data.map((id) => datasetNames.get(id) || id).join(", ") || "none";
const backbone = (result) => (result.backbone === null ? "" : backboneNames.get(result.backbone) || result.backbone);
// the primary score as printed (92.0 stays 92.0)
const score = (result) => result.metric_text[benchmarks.get(result.benchmark).primary] ?? "";
const reportedBy = (result) =>
  result.reported_by === null ? "" : `as reported by ${paperNames.get(result.reported_by) || result.reported_by}`;
// The best of some values by a metric's direction.
const bestOf = (values, metric) => {
  const numbers = values.filter((value) => value !== "").map(Number);
  if (!numbers.length) return null;
  return metric.higher_is_better ? Math.max(...numbers) : Math.min(...numbers);
};

function saveState() {
  const next = new URLSearchParams();
  if (chosen.length) next.set("m", chosen.join(","));
  next.set("task", matrixForm.elements.task.value);
  window.history.replaceState(null, "", `?${next}`);
}

function suggest() {
  suggestions.replaceChildren();
  const terms = words(input.value);
  if (!terms.length) return [];
  const matches = methods
    .filter((method) => !chosen.includes(method.paper) && terms.every((term) => method.folded.includes(` ${term}`)))
    .slice(0, SUGGESTED);
  matches.forEach((method) => {
    const button = element("button", method.name);
    button.type = "button";
    button.append(" ", element("span", method.paper, "venue"));
    button.addEventListener("click", () => add(method.paper));
    const item = element("li");
    item.append(button);
    suggestions.append(item);
  });
  return matches;
}

function add(paper) {
  if (!chosen.includes(paper)) chosen.push(paper);
  input.value = "";
  suggest();
  showComparison();
  input.focus();
}

// Benchmarks any chosen method has a row on, in task then name order.
function comparedBenchmarks() {
  const order = new Map(Array.from(matrixForm.elements.task.options, (option, index) => [option.value, index]));
  return benchmarkList
    .filter((benchmark) => chosen.some((paper) => best.get(paper).has(benchmark.id)))
    .sort((a, b) => (order.get(a.task) - order.get(b.task)) || a.name.localeCompare(b.name));
}

function showComparison() {
  chosenList.replaceChildren(...chosen.map((paper) => {
    const item = element("li", names.get(paper));
    const remove = element("button", "×");
    remove.type = "button";
    remove.setAttribute("aria-label", `Remove ${names.get(paper)}`);
    remove.addEventListener("click", () => {
      chosen.splice(chosen.indexOf(paper), 1);
      showComparison();
    });
    item.append(" ", remove);
    return item;
  }));
  const shown = comparedBenchmarks();
  status.textContent = chosen.length
    ? `${chosen.length} method${chosen.length > 1 ? "s" : ""} on ${shown.length} benchmark${shown.length === 1 ? "" : "s"}`
    : "Choose methods to compare.";
  comparison.hidden = !chosen.length;
  document.getElementById("compare-exports").hidden = !chosen.length;
  const head = element("tr");
  head.append(element("th", "Benchmark"));
  chosen.forEach((paper) => {
    const cell = element("th");
    cell.scope = "col";
    cell.append(link(names.get(paper), paperPage(paper)));
    head.append(cell);
  });
  head.cells[0].scope = "col";
  const rows = shown.map((benchmark) => {
    const metric = primaryOf(benchmark);
    const row = element("tr");
    const title = element("th");
    title.scope = "row";
    title.append(link(benchmark.name, new URL(`benchmarks/${benchmark.id}/index.html`, SITE).href), " ", element("span", metric.label, "venue"));
    row.append(title);
    const top = bestOf(chosen.map((paper) => (best.get(paper).has(benchmark.id) ? score(best.get(paper).get(benchmark.id)) : "")), metric);
    chosen.forEach((paper) => {
      const cell = element("td");
      const result = best.get(paper).get(benchmark.id);
      if (result) {
        const value = score(result);
        const number = link(value || "–", result.source.url);
        number.title = result.source.locator;
        number.rel = "noopener noreferrer";
        if (value !== "" && Number(value) === top) cell.className = "best";
        const details = [result.variant, backbone(result), `extra data: ${extra(result)}`, reportedBy(result)].filter(Boolean).join("; ");
        cell.append(number, element("span", details, "details"));
      }
      row.append(cell);
    });
    return row;
  });
  comparison.replaceChildren(element("thead"), element("tbody"));
  comparison.tHead.append(head);
  comparison.tBodies[0].append(...rows);
  saveState();
}

function comparisonView() {
  const shown = comparedBenchmarks();
  const columns = shown.map((benchmark) => ({ label: `${benchmark.name} ${primaryOf(benchmark).label}`, higher: primaryOf(benchmark).higher_is_better }));
  const rows = chosen.map((paper) => ({
    key: paper,
    name: names.get(paper),
    cells: shown.map((benchmark) => (best.get(paper).has(benchmark.id) ? score(best.get(paper).get(benchmark.id)) : "")),
  }));
  const csv = [["paper", "method", "benchmark", "metric", "value", "variant", "backbone", "extra_training_data", "reported_by", "source"]];
  chosen.forEach((paper) => shown.forEach((benchmark) => {
    const result = best.get(paper).get(benchmark.id);
    if (result) csv.push([paper, names.get(paper), benchmark.id, benchmark.primary, score(result), result.variant || "", backbone(result), extra(result), result.reported_by || "", result.source.url]);
  }));
  return { name: "comparison", table: { title: `Best results per benchmark. ${window.location.href}`, columns, rows }, csv };
}

// A task's methods x benchmarks: each method's best primary score on each of the task's benchmarks, methods
// with the most benchmarks first.
function matrixData() {
  const task = matrixForm.elements.task.value;
  const columns = benchmarkList.filter((benchmark) => benchmark.task === task).sort((a, b) => a.name.localeCompare(b.name));
  const rows = methods
    .map((method) => ({ method, results: columns.map((benchmark) => best.get(method.paper).get(benchmark.id)) }))
    .filter((row) => row.results.some(Boolean))
    .sort((a, b) => b.results.filter(Boolean).length - a.results.filter(Boolean).length);
  return { columns, rows: rows.slice(0, MATRIX_ROWS), total: rows.length };
}

function showMatrix() {
  const { columns, rows, total } = matrixData();
  const head = element("tr");
  head.append(element("th", "Method"));
  columns.forEach((benchmark) => {
    const cell = element("th", "", "num");
    cell.append(link(benchmark.name, new URL(`benchmarks/${benchmark.id}/index.html`, SITE).href), " ", element("span", primaryOf(benchmark).label, "venue"));
    head.append(cell);
  });
  Array.from(head.cells).forEach((cell) => { cell.scope = "col"; });
  const tops = columns.map((benchmark, index) => bestOf(rows.map((row) => (row.results[index] ? score(row.results[index]) : "")), primaryOf(benchmark)));
  const body = rows.map(({ method, results: cells }) => {
    const row = element("tr");
    const name = element("th");
    name.scope = "row";
    name.append(link(method.name, paperPage(method.paper)));
    row.append(name);
    cells.forEach((result, index) => {
      const value = result ? score(result) : "";
      row.append(element("td", value, `num${value !== "" && Number(value) === tops[index] ? " best" : ""}`));
    });
    return row;
  });
  matrix.replaceChildren(element("thead"), element("tbody"));
  matrix.tHead.append(head);
  matrix.tBodies[0].append(...body);
  matrix.hidden = false;
  matrixForm.elements.count.value = total > rows.length ? `${rows.length} of ${total} methods shown (most benchmarks first)` : `${total} methods`;
  saveState();
}

function matrixView() {
  const { columns, rows } = matrixData();
  const cells = rows.map((row) => row.results.map((result) => (result ? score(result) : "")));
  return {
    name: `matrix-${matrixForm.elements.task.value}`,
    table: {
      title: `Best ${matrixForm.elements.task.selectedOptions[0].text} results per method and benchmark. ${window.location.href}`,
      columns: columns.map((benchmark) => ({ label: `${benchmark.name} ${primaryOf(benchmark).label}`, higher: primaryOf(benchmark).higher_is_better })),
      rows: rows.map((row, index) => ({ key: row.method.paper, name: row.method.name, cells: cells[index] })),
    },
    csv: [["paper", "method", ...columns.map((benchmark) => `${benchmark.id} ${benchmark.primary}`)], ...rows.map((row, index) => [row.method.paper, row.method.name, ...cells[index]])],
  };
}

const task = params.get("task");
if (task && Array.from(matrixForm.elements.task.options).some((option) => option.value === task)) matrixForm.elements.task.value = task;
input.addEventListener("input", suggest);
input.addEventListener("keydown", (event) => {
  if (event.key !== "Enter") return;
  event.preventDefault();
  const [first] = suggest();
  if (first) add(first.paper);
});
form.addEventListener("submit", (event) => event.preventDefault());
matrixForm.addEventListener("change", showMatrix);
matrixForm.addEventListener("submit", (event) => event.preventDefault());
wire(document.getElementById("compare-exports"), comparisonView);
wire(document.getElementById("matrix-exports"), matrixView);
form.hidden = false;
matrixForm.hidden = false;
showComparison();
showMatrix();
