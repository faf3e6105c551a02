// The Runs page's upload with a progress bar. Without JavaScript the form posts as it is;
// with it, the same multipart POST goes through XMLHttpRequest so its upload progress can be
// shown, and the page's <main> is replaced by the server's answer (the same page, with the
// import result). Any failure to send falls back to the plain form post.
"use strict";

function hookUpload() {
  const form = document.getElementById("upload-form");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  const box = document.getElementById("upload-progress");
  const bar = document.getElementById("upload-bar");
  const status = document.getElementById("upload-status");
  const button = form.querySelector("button[type=submit]");

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.responseType = "document";
    box.hidden = false;
    button.disabled = true;
    xhr.upload.addEventListener("progress", (e) => {
      if (!e.lengthComputable) return;
      const percent = Math.round((e.loaded / e.total) * 100);
      bar.value = percent;
      bar.textContent = percent + "%";
      status.textContent = percent + "% sent";
    });
    xhr.upload.addEventListener("load", () => {
      bar.value = 100;
      status.textContent = "Sent; reading your files…";
    });
    xhr.addEventListener("load", () => {
      const fresh = xhr.response && xhr.response.querySelector("main");
      if (!fresh) {
        status.textContent = "The server answered " + xhr.status + ". Try again.";
        button.disabled = false;
        return;
      }
      document.querySelector("main").replaceWith(fresh);
      hookUpload();
      const result = document.getElementById("import-result");
      if (result) result.focus();
    });
    xhr.addEventListener("error", () => form.submit());
    xhr.send(new FormData(form));
  });
}

hookUpload();
