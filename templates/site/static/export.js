// Downloads built in the browser from what a page shows: a LaTeX tabular (booktabs, best value of each
// numeric column bold, \cite{key} on each row), the BibTeX entries of exactly the cited papers (taken from
// awesome-vos.bib, whose keys are the paper ids the rows carry) and CSV.
const SITE = new URL("../", import.meta.url);
const SPECIAL = {
  "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "%": "\\%", "&": "\\&", "$": "\\$", "#": "\\#",
  "_": "\\_", "^": "\\textasciicircum{}", "~": "\\textasciitilde{}",
};

const latex = (text) => String(text).replace(/[\\{}%&$#_^~]/g, (character) => SPECIAL[character]);

// The best value of each column with a direction (`higher`: true or false), else null.
function bests(table) {
  return table.columns.map((column, index) => {
    if (column.higher === undefined) return null;
    const values = table.rows.map((row) => row.cells[index]).filter((cell) => cell !== "").map(Number);
    if (!values.length) return null;
    return column.higher ? Math.max(...values) : Math.min(...values);
  });
}

// table: {title, columns: [{label, higher?}], rows: [{key, name, cells: [text]}]}; a column with `higher`
// holds numbers and is right-aligned.
export function tabular(table) {
  const best = bests(table);
  const spec = `l${table.columns.map((column) => (column.higher === undefined ? "l" : "r")).join("")}`;
  const line = (cells) => `${cells.join(" & ")} \\\\`;
  const body = table.rows.map((row) => line([
    `${latex(row.name)}~\\cite{${row.key}}`,
    ...row.cells.map((cell, index) => (
      cell !== "" && best[index] !== null && Number(cell) === best[index] ? `\\textbf{${latex(cell)}}` : latex(cell)
    )),
  ]));
  return [
    `% ${table.title.replace(/[\r\n]+/g, " ")}`,
    "% needs \\usepackage{booktabs}; best values in bold",
    `\\begin{tabular}{${spec}}`,
    "\\toprule",
    line(["Method", ...table.columns.map((column) => latex(column.label))]),
    "\\midrule",
    ...body,
    "\\bottomrule",
    "\\end{tabular}",
    "",
  ].join("\n");
}

const quoted = (cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

export const csv = (lines) => `${lines.map((cells) => cells.map((cell) => quoted(String(cell))).join(",")).join("\n")}\n`;

// The entries of awesome-vos.bib whose keys are among `keys`, in the file's (key) order.
export async function bibtex(keys) {
  const response = await fetch(new URL("awesome-vos.bib", SITE));
  const text = await response.text();
  const wanted = new Set(keys);
  const entries = text.split(/^(?=@)/m).filter((entry) => wanted.has(entry.slice(entry.indexOf("{") + 1, entry.indexOf(","))));
  return `${entries.map((entry) => entry.trim()).join("\n\n")}\n`;
}

function save(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Buttons with data-export="tex|bib|csv" inside `box` download what `build()` returns at the time of the
// click: {name, table (see tabular), csv: rows of cells}.
export function wire(box, build) {
  box.addEventListener("click", async (event) => {
    const kind = event.target.closest("button[data-export]")?.dataset.export;
    if (!kind) return;
    const view = build();
    if (kind === "tex") save(`${view.name}.tex`, tabular(view.table), "application/x-tex");
    if (kind === "csv") save(`${view.name}.csv`, csv(view.csv), "text/csv");
    if (kind === "bib") save(`${view.name}.bib`, await bibtex(view.table.rows.map((row) => row.key)), "application/x-bibtex");
  });
  box.hidden = false;
}
