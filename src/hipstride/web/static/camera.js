// The camera check's progress page: ask the API for the job's state every two seconds and
// move the bar; when it is done (or failed) reload, and the server shows the result. Without
// JavaScript the page's "Check again" link does the same by hand.
"use strict";

function watchCameraJob() {
  const box = document.getElementById("camera-job");
  if (!box || !window.fetch) return;
  const bar = document.getElementById("camera-progress");
  const status = document.getElementById("camera-status");
  const poll = async () => {
    try {
      const answer = await fetch(box.dataset.statusUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!answer.ok) throw new Error(String(answer.status));
      const job = await answer.json();
      if (job.status === "done" || job.status === "failed") {
        window.location.reload();
        return;
      }
      const percent = Math.round(job.progress * 100);
      bar.value = percent;
      bar.textContent = percent + "%";
      status.textContent = job.status === "queued" ? "Waiting its turn…" : percent + "% done.";
    } catch (error) {
      status.textContent = "Could not ask the server (" + error.message + "); trying again.";
    }
    window.setTimeout(poll, 2000);
  };
  window.setTimeout(poll, 1000);
}

document.addEventListener("DOMContentLoaded", watchCameraJob);
