// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary, as the GOV.UK Design System does, so screen
  // reader and keyboard users learn at once that the form needs attention.
  const summary = document.querySelector(".error-summary[data-autofocus]");
  if (summary) {
    summary.focus();
  }
  // Links in the summary focus the field itself, not just scroll to it.
  document.querySelectorAll(".error-summary a[href^='#']").forEach((link) => {
    link.addEventListener("click", (event) => {
      const target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        event.preventDefault();
        target.focus();
        target.scrollIntoView({ block: "center" });
      }
    });
  });
  // On a phone a table's rows are stacked (app.css); each cell is labelled with its
  // column's heading, so a row of dates still says which date is which. An empty cell
  // (a cancelled action item has no Save button) gets no label: a label over nothing.
  document.querySelectorAll("table.table").forEach((table) => {
    const headings = [];
    table.querySelectorAll("thead tr:last-child th").forEach((th) => {
      const span = Number(th.getAttribute("colspan") || 1);
      // A count in a heading ("20 of 30") is the column's total, not each row's label:
      // the page shows it once apart (the Parties' table's .matrix-totals, h16i #2).
      const label = th.cloneNode(true);
      label.querySelectorAll(".count").forEach((count) => count.remove());
      for (let i = 0; i < span; i += 1) headings.push(label.textContent.trim());
    });
    if (!headings.length) return;
    table.querySelectorAll("tbody tr").forEach((row) => {
      let column = 0;
      row.querySelectorAll(":scope > td, :scope > th").forEach((cell) => {
        const empty = !cell.textContent.trim() && !cell.querySelector("*");
        if (!cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", empty ? "" : headings[column] || "");
        }
        column += Number(cell.getAttribute("colspan") || 1);
      });
    });
  });
  // A table box that really scrolls (sideways, or down: the Parties' table with many
  // Parties) can be scrolled with the keyboard too (WCAG 2.1.1; axe's
  // scrollable-region-focusable): it becomes a focusable region.
  const markScrollers = () => {
    document.querySelectorAll(".table-scroll").forEach((box) => {
      if (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        const heading = box.closest("section, main")?.querySelector("h1, h2");
        if (heading) box.setAttribute("aria-label", heading.textContent.trim());
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  };
  markScrollers();
  window.addEventListener("resize", markScrollers);
  // A timeline wider than a phone opens at its right end, where today and the current
  // status are; the past is a scroll to the left.
  document.querySelectorAll(".timeline-box").forEach((box) => {
    const today = box.querySelector(".tl-today");
    if (!today || box.scrollWidth <= box.clientWidth) return;
    const svg = box.querySelector("svg");
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const x = Number(today.getAttribute("x1")) * scale;
    box.scrollLeft = Math.max(0, x - box.clientWidth * 0.75);
  });
  // A secret shown once (a feed's address, an API token) is copied with one click; where
  // the clipboard API is not allowed, the text is selected for Ctrl+C instead.
  document.querySelectorAll("button[data-copy]").forEach((button) => {
    button.addEventListener("click", async () => {
      const source = document.getElementById(button.dataset.copy);
      if (!source) return;
      try {
        await navigator.clipboard.writeText(source.textContent.trim());
        button.textContent = button.dataset.copied;
      } catch {
        const range = document.createRange();
        range.selectNodeContents(source);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }
    });
  });
});
