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

// Byline order: drag a row, or use its Move up / Move down buttons; the position fields are
// filled from the order on screen when the form is sent, so nobody types numbers.
document.addEventListener("DOMContentLoaded", function () {
  const group = document.getElementById("bylines-group");
  const form = document.getElementById("event_form");
  if (!group || !form) {
    return;
  }
  const body = group.querySelector("tbody");
  group.classList.add("orderable");
  function rows() {
    return Array.from(body.querySelectorAll("tr.form-row:not(.empty-form)"));
  }
  function renumber() {
    // Empty extra rows keep their blank state: a position alone would make them a new byline.
    const filled = rows().filter(function (row) {
      const author = row.querySelector("select[name$='-author']");
      const id = row.querySelector("input[name$='-id']");
      return (author && author.value) || (id && id.value);
    });
    filled.forEach(function (row, index) {
      const position = row.querySelector("input[name$='-position']");
      if (position) {
        position.value = String(index);
      }
    });
  }
  function announce(row) {
    const status = document.getElementById("byline-order-status");
    const author = row.querySelector("select[name$='-author'] option:checked");
    const index = rows().indexOf(row) + 1;
    if (status) {
      status.textContent =
        (author && author.value ? author.textContent : "This row") + " is now number " + index + ".";
    }
  }
  function move(row, offset) {
    const all = rows();
    const target = all[all.indexOf(row) + offset];
    if (!target) {
      return;
    }
    body.insertBefore(row, offset < 0 ? target : target.nextSibling);
    renumber();
    announce(row);
    form.dispatchEvent(new Event("change", { bubbles: true }));
  }
  function enhance(row) {
    if (row.dataset.orderable) {
      return;
    }
    row.dataset.orderable = "yes";
    row.draggable = true;
    const cell = row.querySelector("td.original") || row.firstElementChild;
    const tools = document.createElement("span");
    tools.className = "byline-move";
    [
      ["↑", "Move up", -1],
      ["↓", "Move down", 1],
    ].forEach(function (spec) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[0];
      button.setAttribute("aria-label", spec[1]);
      button.title = spec[1];
      button.addEventListener("click", function () {
        move(row, spec[2]);
        button.focus();
      });
      tools.appendChild(button);
    });
    const handle = document.createElement("span");
    handle.className = "drag-handle";
    handle.textContent = "⠿";
    handle.setAttribute("aria-hidden", "true");
    tools.prepend(handle);
    cell.prepend(tools);
    row.addEventListener("dragstart", function (event) {
      row.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.id);
    });
    row.addEventListener("dragend", function () {
      row.classList.remove("dragging");
      renumber();
      announce(row);
    });
  }
  body.addEventListener("dragover", function (event) {
    const dragging = body.querySelector("tr.dragging");
    const over = event.target.closest("tr.form-row:not(.empty-form)");
    if (!dragging || !over || over === dragging) {
      return;
    }
    event.preventDefault();
    const box = over.getBoundingClientRect();
    const after = event.clientY > box.top + box.height / 2;
    body.insertBefore(dragging, after ? over.nextSibling : over);
  });
  body.addEventListener("drop", function (event) {
    event.preventDefault();
  });
  rows().forEach(enhance);
  const status = document.createElement("p");
  status.id = "byline-order-status";
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  group.appendChild(status);
  document.addEventListener("formset:added", function (event) {
    if (group.contains(event.target)) {
      enhance(event.target);
      renumber();
    }
  });
  form.addEventListener("submit", renumber);
});
