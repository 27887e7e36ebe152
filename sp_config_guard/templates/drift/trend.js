
/* the drift history's chart: show the line of the hospital picked (and name it in the legend) */
(function () {
  "use strict";
  var pick = document.getElementById("trend-hospital");
  if (!pick) { return; }
  var legend = document.getElementById("trend-picked");
  function show() {
    var chosen = pick.value;
    document.querySelectorAll("#trend-chart [data-hospital]").forEach(function (line) {
      line.classList.toggle("off", line.getAttribute("data-hospital") !== chosen);
    });
    legend.classList.toggle("off", !chosen);
    legend.lastChild.textContent = chosen ? pick.options[pick.selectedIndex].textContent : "";
  }
  pick.addEventListener("change", show);
  show();
})();
