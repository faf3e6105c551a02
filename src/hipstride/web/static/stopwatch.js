// hipstride: a stopwatch for the single-leg bridge test. Start when the foot is up, stop when
// the hip drops; the seconds go into the field. Without this file the field is typed in.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const box of document.querySelectorAll("[data-stopwatch]")) {
    const panel = box.querySelector(".stopwatch");
    const clock = box.querySelector("[data-stopwatch-clock]");
    const toggle = box.querySelector("[data-stopwatch-toggle]");
    const field = box.querySelector("[data-stopwatch-seconds]");
    if (!panel || !clock || !toggle || !field) continue;
    panel.hidden = false;
    let started = null;
    let tick = null;
    const seconds = () => (performance.now() - started) / 1000;
    toggle.addEventListener("click", () => {
      if (started === null) {
        started = performance.now();
        toggle.textContent = "Stop: my hip dropped";
        tick = setInterval(() => { clock.textContent = `${seconds().toFixed(1)} s`; }, 100);
        return;
      }
      clearInterval(tick);
      const held = seconds().toFixed(1);
      clock.textContent = `${held} s`;
      field.value = held;
      started = null;
      toggle.textContent = "Start again";
      field.focus();
    });
  }
});
