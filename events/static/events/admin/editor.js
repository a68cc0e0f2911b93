// The article editor: nothing typed is lost by leaving, and the workflow buttons (which act on
// the last saved version) wait until the form is saved. Also says who else has it open.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  const form = document.getElementById("event_form");
  if (!form) {
    return;
  }
  const banner = document.getElementById("unsaved-changes");
  const actions = document.querySelector(".workflow-actions");
  let dirty = false;
  let submitting = false;

  function markDirty(event) {
    if (dirty || !form.contains(event.target)) {
      return;
    }
    dirty = true;
    if (banner) {
      banner.hidden = false;
    }
    if (actions) {
      actions.classList.add("waiting-for-save");
      actions.querySelectorAll("button, input[type=submit]").forEach(function (button) {
        button.disabled = true;
        button.title = "Save your changes first: this acts on the last saved version.";
      });
    }
    document.querySelectorAll("[data-needs-saved-form]").forEach(function (link) {
      link.setAttribute("aria-disabled", "true");
      link.addEventListener("click", function (click) {
        click.preventDefault();
        if (banner) {
          banner.scrollIntoView({ block: "center" });
        }
      });
    });
  }

  form.addEventListener("input", markDirty);
  form.addEventListener("change", markDirty);
  form.addEventListener("submit", function () {
    submitting = true;
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  const presence = document.getElementById("editing-now");
  const url = presence && presence.dataset.presenceUrl;
  const token = form.querySelector("input[name=csrfmiddlewaretoken]");
  if (!url || !token) {
    return;
  }
  function beat() {
    fetch(url, {
      method: "POST",
      headers: { "X-CSRFToken": token.value },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (!data) {
          return;
        }
        presence.replaceChildren();
        data.others.forEach(function (text) {
          const line = document.createElement("p");
          line.textContent =
            text +
            " Saving is not blocked: if you both change the same field, the later save shows" +
            " both versions to choose from.";
          presence.appendChild(line);
        });
      })
      .catch(function () {});
  }
  window.setInterval(beat, 60000);
});
