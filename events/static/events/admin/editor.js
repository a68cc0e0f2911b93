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

  // Live preview: the unsaved text rendered by the server as the public page will show it,
  // a moment after the editor stops typing.
  const preview = document.getElementById("live-preview");
  const frame = document.getElementById("live-preview-frame");
  const previewState = document.getElementById("live-preview-state");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
  const previewed = ["title", "dek", "body", "year", "era", "month", "day"];
  let previewTimer = null;
  let previewRequest = 0;
  function refreshPreview() {
    const data = new FormData();
    previewed.forEach(function (name) {
      const field = form.elements.namedItem(name);
      if (field) {
        data.append(name, field.value);
      }
    });
    const request = ++previewRequest;
    fetch(preview.dataset.previewUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrf.value },
      credentials: "same-origin",
      body: data,
    })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html === null || request !== previewRequest) {
          return;
        }
        frame.srcdoc = html;
        preview.dataset.refreshed = String(request);
        previewState.textContent = "as the public page will show it, unsaved";
      })
      .catch(function () {
        previewState.textContent = "could not be refreshed; your text is still here";
      });
  }
  if (preview && frame && csrf) {
    form.addEventListener("input", function (event) {
      if (previewed.indexOf(event.target.name) === -1) {
        return;
      }
      previewState.textContent = "updating…";
      window.clearTimeout(previewTimer);
      previewTimer = window.setTimeout(refreshPreview, 400);
    });
    form.addEventListener("change", function (event) {
      if (previewed.indexOf(event.target.name) !== -1) {
        window.clearTimeout(previewTimer);
        previewTimer = window.setTimeout(refreshPreview, 400);
      }
    });
    refreshPreview();
  }

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
