// hipstride guided session: sets go to POST /api/v1/sets with an idempotency key, queued in
// localStorage until the server confirms (so offline sets are sent once the phone is back
// online), rest and hold timers from timestamps, a wake lock while a timer runs, and a beep.
// Without this file the page still works: every set form posts to the server.
"use strict";
(() => {
  const root = document.querySelector(".guided");
  if (!root) return;
  const day = root.dataset.day;
  const painLimit = Number(root.dataset.painLimit || 5);
  const QUEUE = "hipstride.set-queue";
  const status = document.getElementById("sync-status");
  const painAlert = document.getElementById("pain-alert");
  const finish = document.getElementById("finish");
  const timerBox = document.getElementById("timer");
  const forms = Array.from(document.querySelectorAll("form.set-form"));
  let skipped = new Set(
    (new URLSearchParams(location.search).get("skip") || "").split(",").filter((p) => p !== ""),
  );

  // ---- the queue: one entry per set, its key made once, removed only when the server answers.
  const readQueue = () => {
    try {
      return JSON.parse(localStorage.getItem(QUEUE) || "[]");
    } catch (_) {
      return [];
    }
  };
  const writeQueue = (queue) => localStorage.setItem(QUEUE, JSON.stringify(queue));
  const show = (text, kind) => {
    status.hidden = false;
    status.textContent = text;
    status.className = "sync" + (kind ? " " + kind : "");
  };
  let sending = false;
  async function flush() {
    if (sending) return;
    sending = true;
    try {
      let queue = readQueue();
      while (queue.length) {
        const body = queue[0];
        let response;
        try {
          response = await fetch("/api/v1/sets", {
            method: "POST",
            credentials: "same-origin",
            headers: { "content-type": "application/json", accept: "application/json" },
            body: JSON.stringify(body),
          });
        } catch (_) {
          show(`${queue.length} set(s) waiting to send: no connection. They are kept on this phone.`, "waiting");
          return;
        }
        if (response.status === 401) {
          show("Waiting to send: sign in again to save your sets.", "waiting");
          return;
        }
        if (response.status >= 500) {
          show(`${queue.length} set(s) waiting to send: the server had a problem.`, "waiting");
          return;
        }
        queue = readQueue().filter((q) => q.idempotency_key !== body.idempotency_key);
        writeQueue(queue);
        if (!response.ok) {
          let detail = "";
          try {
            detail = (await response.json()).detail || "";
          } catch (_) {}
          show(`A set was not saved: ${detail}`, "failed");
          return;
        }
      }
      show("All sets saved.");
      updateFinish();
    } finally {
      sending = false;
    }
  }
  window.addEventListener("online", flush);

  // ---- which slot is next: the first form not saved, not queued and not skipped.
  const queuedHere = () =>
    new Set(readQueue().filter((q) => q.day === day).map((q) => `${q.position}:${q.set_number}:${q.side || ""}`));
  const slotId = (form) => `${form.dataset.position}:${form.dataset.set}:${form.dataset.side}`;
  const doneForms = new Set();
  function nextForm() {
    const queued = queuedHere();
    return forms.find((f) => !doneForms.has(f) && !queued.has(slotId(f)) && !skipped.has(f.dataset.position));
  }
  function showCurrent() {
    const form = nextForm();
    forms.forEach((f) => (f.hidden = f !== form));
    document.querySelectorAll("section.exercise").forEach((section) => {
      section.hidden = !form || section.dataset.position !== form.dataset.position;
    });
    document.querySelectorAll("[data-overview]").forEach((li) => {
      if (form && li.dataset.overview === form.dataset.position) li.setAttribute("aria-current", "step");
      else li.removeAttribute("aria-current");
    });
    if (finish) finish.hidden = Boolean(form);
    updateFinish();
    return form;
  }
  function updateFinish() {
    if (!finish) return;
    const button = finish.querySelector("button");
    const waiting = readQueue().some((q) => q.day === day);
    // aria-disabled, not disabled: a disabled button cannot hold the focus the last set moves
    // to it, and the submit handler below already holds the form back while sets wait.
    button.setAttribute("aria-disabled", String(waiting));
    button.textContent = waiting ? "Finish session (waiting to send sets)" : "Finish session";
  }

  // ---- timers: an end time, not a count of ticks, so a dimmed screen cannot slow them.
  let timer = null;
  let wakeLock = null;
  let audio = null;
  const fmt = (ms) => {
    const s = Math.max(0, Math.ceil(ms / 1000));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  };
  async function lockScreen() {
    try {
      if ("wakeLock" in navigator && !wakeLock) {
        wakeLock = await navigator.wakeLock.request("screen");
        wakeLock.addEventListener("release", () => (wakeLock = null));
      }
    } catch (_) {}
  }
  function unlockScreen() {
    if (wakeLock) wakeLock.release().catch(() => {});
    wakeLock = null;
  }
  function beep() {
    try {
      if (!audio) return;
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.2, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.4);
    } catch (_) {}
  }
  function unlockAudio() {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!audio && Ctx) audio = new Ctx();
    if (audio && audio.state === "suspended") audio.resume();
  }
  const clock = timerBox.querySelector("[data-timer-clock]");
  const pauseButton = timerBox.querySelector("[data-timer-pause]");
  const skipButton = timerBox.querySelector("[data-timer-skip]");
  function startTimer(seconds, title, next, onEnd, endLabel) {
    stopTimer(false);
    timer = { endAt: Date.now() + seconds * 1000, startedAt: Date.now(), pausedLeft: null, onEnd, handle: null };
    timerBox.querySelector("[data-timer-title]").textContent = title;
    timerBox.querySelector("[data-timer-next]").textContent = next || "";
    pauseButton.textContent = "Pause";
    skipButton.textContent = endLabel || "Skip";
    timerBox.hidden = false;
    timer.handle = setInterval(tick, 250);
    tick();
    lockScreen();
    skipButton.focus();
  }
  const left = () => (timer.pausedLeft !== null ? timer.pausedLeft : timer.endAt - Date.now());
  function tick() {
    if (!timer) return;
    clock.textContent = fmt(left());
    if (left() <= 0) {
      beep();
      stopTimer(true);
    }
  }
  function stopTimer(ended) {
    if (!timer) return;
    clearInterval(timer.handle);
    const t = timer;
    timer = null;
    timerBox.hidden = true;
    unlockScreen();
    if (t.onEnd) t.onEnd(ended, t);
  }
  pauseButton.addEventListener("click", () => {
    if (!timer) return;
    if (timer.pausedLeft === null) {
      timer.pausedLeft = timer.endAt - Date.now();
      pauseButton.textContent = "Resume";
    } else {
      timer.endAt = Date.now() + timer.pausedLeft;
      timer.pausedLeft = null;
      pauseButton.textContent = "Pause";
    }
    tick();
  });
  timerBox.querySelector("[data-timer-add]").addEventListener("click", () => {
    if (!timer) return;
    if (timer.pausedLeft !== null) timer.pausedLeft += 15000;
    else timer.endAt += 15000;
    tick();
  });
  skipButton.addEventListener("click", () => stopTimer(false));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && timer) {
      tick();
      lockScreen(); // the browser releases the lock when the page is hidden
    }
  });

  // ---- hold timers: fill in the seconds actually held.
  forms.forEach((form) => {
    const start = form.querySelector("[data-hold-start]");
    if (!start) return;
    start.hidden = false;
    start.addEventListener("click", () => {
      unlockAudio();
      const target = Number(form.dataset.hold);
      const held = form.querySelector("input[name=held_seconds]");
      startTimer(target, "Hold", "", (ended, t) => {
        const seconds = ended ? target : Math.round((Date.now() - t.startedAt) / 1000);
        held.value = String(Math.min(target, Math.max(0, seconds)));
        held.focus();
      }, "Stop");
    });
  });

  // ---- pain above the limit: the referral message, and skipping the rest of the exercise.
  const painSkip = painAlert.querySelector("[data-pain-skip]");
  const painDismiss = painAlert.querySelector("[data-pain-dismiss]");
  let painPosition = null;
  function skipExercise(position) {
    skipped.add(position);
    const url = new URL(location.href);
    url.searchParams.delete("pain");
    url.searchParams.delete("at");
    url.searchParams.set("skip", Array.from(skipped).join(","));
    history.replaceState(null, "", url);
    forms.forEach((f) => (f.querySelector("input[name=skip]").value = Array.from(skipped).join(",")));
    document.querySelectorAll(`[data-overview="${position}"] small`).forEach((s) => (s.textContent = "skipped today"));
  }
  painSkip.addEventListener("click", (event) => {
    const position = painPosition ?? new URLSearchParams(location.search).get("at");
    if (position === null) return;
    event.preventDefault();
    skipExercise(String(position));
    painAlert.hidden = true;
    stopTimer(false);
    const form = showCurrent();
    if (form) form.querySelector("input:not([type=hidden])").focus();
  });
  painDismiss.addEventListener("click", (event) => {
    event.preventDefault();
    painAlert.hidden = true;
  });

  // ---- saving a set.
  forms.forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.crypto || !crypto.randomUUID || !window.localStorage) return; // the plain POST
      event.preventDefault();
      if (!form.reportValidity()) return;
      unlockAudio();
      const data = new FormData(form);
      const number = (name) => (data.get(name) === null || data.get(name) === "" ? null : Number(data.get(name)));
      const body = {
        day,
        position: Number(form.dataset.position),
        set_number: Number(form.dataset.set),
        side: form.dataset.side || null,
        reps: number("reps"),
        held_seconds: number("held_seconds"),
        pain: number("pain") ?? 0,
        reps_in_reserve: number("reps_in_reserve"),
        idempotency_key: crypto.randomUUID(),
      };
      writeQueue(readQueue().concat([body]));
      doneForms.add(form);
      show(navigator.onLine ? "Saving…" : "Waiting to send: no connection. The set is kept on this phone.", "waiting");
      flush();
      const next = showCurrent();
      if (body.pain > painLimit) {
        painPosition = form.dataset.position;
        painAlert.querySelector("[data-pain-score]").textContent = `Pain ${body.pain}/10. `;
        const more = next && next.dataset.position === painPosition;
        painSkip.hidden = !more;
        painAlert.hidden = false;
        painAlert.focus();
        return;
      }
      painAlert.hidden = true;
      const sameSetOtherSide =
        next && next.dataset.position === form.dataset.position && next.dataset.set === form.dataset.set;
      const rest = Number(form.dataset.rest || 0);
      if (next && rest > 0 && !sameSetOtherSide) {
        const label = next.querySelector(".slot-label").textContent;
        const name = next.closest("section").querySelector(".exercise-name").textContent;
        startTimer(rest, "Rest", `Next: ${name}, ${label.toLowerCase()}`, () => {
          next.querySelector("input:not([type=hidden])").focus();
        });
      } else if (next) {
        next.querySelector("input:not([type=hidden])").focus();
      } else if (finish) {
        finish.querySelector("button").focus();
      }
    });
  });
  if (finish) {
    finish.querySelector("form").addEventListener("submit", (event) => {
      if (readQueue().some((q) => q.day === day)) {
        event.preventDefault();
        flush();
      }
    });
  }

  showCurrent();
  if (readQueue().length) flush();
})();
