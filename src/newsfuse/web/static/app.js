// newsfuse web app: a little progressive enhancement. No inline script anywhere (CSP); nothing here
// ever inserts article text as HTML: only textContent.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // citations: Escape hides the open quote; the quote shows on hover and focus through CSS alone
  document.querySelectorAll(".cite").forEach((cite) => {
    const ref = cite.querySelector(".cite-ref");
    if (!ref) return;
    ref.addEventListener("keydown", (event) => {
      if (event.key === "Escape") cite.classList.add("closed");
    });
    ref.addEventListener("blur", () => cite.classList.remove("closed"));
    // keep the quote inside the window: shift it left when it would run off the right edge
    const quote = cite.querySelector(".quote");
    const place = () => {
      if (!quote) return;
      quote.style.left = "0px";
      const box = quote.getBoundingClientRect();
      const overflow = box.right - (document.documentElement.clientWidth - 8);
      if (overflow > 0) quote.style.left = `${-Math.min(overflow, box.left - 8)}px`;
    };
    ref.addEventListener("focus", place);
    cite.addEventListener("mouseenter", place);
  });

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
