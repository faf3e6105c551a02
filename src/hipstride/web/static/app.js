// hipstride: small progressive enhancements only; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Scroll the plan calendar to today's (or the next) session.
  const today = new Date().toISOString().slice(0, 10);
  const times = Array.from(document.querySelectorAll(".calendar time[datetime]"));
  const next = times.find((t) => t.getAttribute("datetime") >= today);
  if (next) next.closest(".card").scrollIntoView({ block: "center" });

  // The navigation's "More" closes like any menu: on Escape (focus back on it) or a click outside.
  const more = document.querySelector(".nav-more");
  if (!more) return;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !more.open) return;
    more.open = false;
    more.querySelector("summary").focus();
  });
  document.addEventListener("click", (event) => {
    if (more.open && !more.contains(event.target)) more.open = false;
  });
});
