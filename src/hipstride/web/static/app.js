// hipstride: small progressive enhancements only; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Scroll the plan calendar to today's (or the next) session.
  const today = new Date().toISOString().slice(0, 10);
  const times = Array.from(document.querySelectorAll(".calendar time[datetime]"));
  const next = times.find((t) => t.getAttribute("datetime") >= today);
  if (next) next.closest(".card").scrollIntoView({ block: "center" });
});
