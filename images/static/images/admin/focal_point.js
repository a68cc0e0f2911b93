// Focal point by click: the editor clicks where the subject is; the two number fields take the
// position in percent, and the marker follows (also when the numbers are typed).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const picker = document.querySelector(".focal-point-picker");
  const x = document.getElementById("id_focal_x");
  const y = document.getElementById("id_focal_y");
  if (!picker || !x || !y) return;
  const marker = picker.querySelector(".focal-point-marker");
  const place = () => {
    marker.style.left = `${x.value}%`;
    marker.style.top = `${y.value}%`;
  };
  picker.addEventListener("click", (event) => {
    const box = picker.querySelector("img").getBoundingClientRect();
    const percent = (offset, size) => Math.min(100, Math.max(0, Math.round((offset / size) * 100)));
    x.value = percent(event.clientX - box.left, box.width);
    y.value = percent(event.clientY - box.top, box.height);
    x.dispatchEvent(new Event("change", { bubbles: true }));
    place();
  });
  x.addEventListener("input", place);
  y.addEventListener("input", place);
  place();
});
