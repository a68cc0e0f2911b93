// Beside a time typed in the site's zone, the same moment in the editor's own zone.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  const hint = document.getElementById("publish-at-local");
  const input = hint && document.getElementById(hint.dataset.for);
  if (!input) {
    return;
  }
  const siteZone = hint.dataset.siteZone;
  const ownZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  function offsetMinutes(utcMillis, zone) {
    // How far the zone's wall clock is ahead of UTC at that moment.
    const parts = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit",
    }).formatToParts(new Date(utcMillis)).forEach(function (part) {
      parts[part.type] = Number(part.value);
    });
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
    return Math.round((wall - utcMillis) / 60000);
  }

  function update() {
    const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(input.value);
    if (!match) {
      hint.textContent = "";
      return;
    }
    const wall = Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5]);
    let utc = wall - offsetMinutes(wall, siteZone) * 60000;
    utc = wall - offsetMinutes(utc, siteZone) * 60000; // right across a DST change
    const own = new Intl.DateTimeFormat(undefined, {
      dateStyle: "medium", timeStyle: "short", timeZone: ownZone,
    }).format(new Date(utc));
    hint.textContent = ownZone === siteZone
      ? "(your time zone too)"
      : "= " + own + " your time (" + ownZone + ")";
  }
  input.addEventListener("input", update);
  input.addEventListener("change", update);
  update();
});
