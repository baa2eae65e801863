// Copy buttons for read-only fields (progressive enhancement): the button stays hidden
// without JavaScript, where the field can still be selected and copied by hand.
(function () {
  "use strict";

  function announce(button, text) {
    var status = document.querySelector(
      '[data-copy-status-for="' + button.dataset.copyTarget + '"]'
    );
    if (status) {
      status.textContent = text;
    }
  }

  function copyWithSelection(field) {
    field.focus();
    field.select();
    return document.execCommand && document.execCommand("copy");
  }

  function copy(button) {
    var field = document.getElementById(button.dataset.copyTarget);
    if (!field) {
      return;
    }
    var done = function () { announce(button, button.dataset.copied); };
    var failed = function () {
      if (copyWithSelection(field)) {
        done();
      } else {
        announce(button, button.dataset.copyFailed);
      }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, failed);
    } else {
      failed();
    }
  }

  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
})();
