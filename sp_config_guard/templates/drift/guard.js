
(function () {
  "use strict";
  var errors = [];
  function record(message) {
    errors.push(String(message));
    if (document.body) { document.body.dataset.errors = errors.join(" | "); }
  }
  window.addEventListener("error", function (event) {
    if (event.target && event.target !== window && event.target.tagName) {
      record("resource failed: " + event.target.tagName);
      return;
    }
    record((event.message || "error") + " (line " + (event.lineno || 0) + ")");
  }, true);
  window.addEventListener("unhandledrejection", function (event) {
    record("unhandled rejection: " + event.reason);
  });
  document.addEventListener("securitypolicyviolation", function (event) {
    record("blocked by the content security policy: " + event.violatedDirective);
  });
  var consoleError = console.error;
  console.error = function () {
    record(Array.prototype.join.call(arguments, " "));
    return consoleError.apply(console, arguments);
  };
  document.addEventListener("DOMContentLoaded", function () {
    document.body.dataset.errors = errors.join(" | ");
  });
})();
