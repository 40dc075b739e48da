// newsfuse web app: a little progressive enhancement. No inline script anywhere (CSP); nothing here
// ever inserts article text as HTML: only textContent.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // citations: the quote shows on hover and keyboard focus through CSS alone; here a tap opens it on a
  // touch screen (a second tap follows the link to the sentence), Escape or a tap elsewhere closes it
  const touch = window.matchMedia("(hover: none)");
  const cites = [...document.querySelectorAll(".cite")];
  const closeAll = (except) => cites.forEach((c) => { if (c !== except) c.classList.remove("open"); });
  cites.forEach((cite) => {
    const ref = cite.querySelector(".cite-ref");
    const quote = cite.querySelector(".quote");
    if (!ref || !quote) return;
    ref.setAttribute("aria-expanded", "false");
    // keep the quote inside the window: shift it left when it would run off the right edge
    const place = () => {
      quote.style.left = "";
      if (getComputedStyle(quote).position === "fixed") return;  // phones: a sheet at the bottom
      const box = quote.getBoundingClientRect();
      const overflow = box.right - (document.documentElement.clientWidth - 8);
      if (overflow > 0) quote.style.left = `${-Math.min(overflow, box.left - 8)}px`;
    };
    const open = (state) => {
      cite.classList.toggle("open", state);
      cite.classList.toggle("closed", !state);
      ref.setAttribute("aria-expanded", String(state));
      if (state) { closeAll(cite); place(); }
    };
    ref.addEventListener("click", (event) => {
      if (touch.matches && !cite.classList.contains("open")) {
        event.preventDefault();
        open(true);
      } else {
        open(false);  // following the link to the sentence: the quote would cover it
      }
    });
    ref.addEventListener("keydown", (event) => {
      if (event.key === "Escape") open(false);
    });
    ref.addEventListener("focus", place);
    ref.addEventListener("blur", () => cite.classList.remove("closed"));
    cite.addEventListener("mouseenter", place);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    cites.forEach((c) => {
      if (c.classList.contains("open")) c.classList.replace("open", "closed");
    });
  });
  document.addEventListener("click", (event) => {
    if (!event.target.closest(".cite")) closeAll(null);
  });

  // figures: filter the rows by measure and by source; a group with no row left is hidden too
  const filters = document.querySelector("form.filters");
  const table = document.querySelector("table.figures");
  if (filters && table) {
    filters.hidden = false;
    const measure = filters.querySelector('[data-filter="measure"]');
    const source = filters.querySelector('[data-filter="source"]');
    const count = filters.querySelector(".filter-count");
    const apply = () => {
      let shown = 0;
      table.querySelectorAll("tbody.group").forEach((group) => {
        let any = false;
        group.querySelectorAll("tr.claim").forEach((row) => {
          const ok = (!measure.value || row.dataset.measure === measure.value)
            && (!source.value || row.dataset.sources.split(" ").includes(source.value));
          row.hidden = !ok;
          if (ok) { any = true; shown += 1; }
        });
        group.hidden = !any;
      });
      count.textContent = measure.value || source.value ? `${shown} shown` : "";
    };
    filters.addEventListener("change", apply);
    filters.addEventListener("submit", (event) => event.preventDefault());
  }

  // sources: one button opens or closes every "removed junk" list
  const toggle = document.querySelector(".toggle-junk");
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-pressed") !== "true";
      document.querySelectorAll("details.junk").forEach((d) => { d.open = open; });
      toggle.setAttribute("aria-pressed", String(open));
      toggle.textContent = open ? "Hide all removed junk" : "Show all removed junk";
    });
  }

  // add form: list the chosen files with their sizes before sending
  const files = document.getElementById("files");
  const chosen = document.getElementById("chosen");
  if (files && chosen) {
    files.addEventListener("change", () => {
      chosen.replaceChildren();
      for (const file of files.files) {
        const item = document.createElement("li");
        item.textContent = `${file.name} (${Math.ceil(file.size / 1024)} KB)`;
        chosen.appendChild(item);
      }
    });
  }
});
