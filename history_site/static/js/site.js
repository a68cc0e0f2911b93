// Copy buttons for the citations. Without JavaScript (or a clipboard) the buttons stay hidden
// and the citation text is there to select. Loaded with `defer`; no inline script (CSP).
(function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.dataset.copy);
    if (!source) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent).then(
        function () { button.textContent = "Copied"; },
        function () { button.textContent = "Select the text to copy it"; }
      );
      setTimeout(function () { button.textContent = label; }, 4000);
    });
  });
})();
