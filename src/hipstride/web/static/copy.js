// Copy buttons for the secrets shown once (an invitation, an access token).
// <button data-copy="ID" hidden> copies the value of the field with that id; the buttons
// stay hidden without JavaScript, where the field can still be selected and copied.
"use strict";

document.querySelectorAll("[data-copy]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => {
    const field = document.getElementById(button.dataset.copy);
    if (!field) return;
    field.select();
    const done = () => { button.textContent = "Copied"; };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(field.value).then(done, () => document.execCommand("copy") && done());
    } else if (document.execCommand("copy")) {
      done();
    }
  });
});
