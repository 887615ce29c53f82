// "Exit this page" (the GOV.UK Design System pattern), on pages that ask for it with
// `quick_exit: true`. Without JavaScript the button is a plain link to a neutral site.
// With it, the button and Shift pressed three times both blank this page and replace its
// history entry, so Back does not return here. It cannot erase browser history.
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit]");
  if (!link) return;
  var status = document.querySelector("[data-quick-exit-status]");
  var target = link.getAttribute("href");
  var presses = 0;
  var timer = null;

  function exit(event) {
    if (event) event.preventDefault();
    document.documentElement.classList.add("is-exiting");
    window.location.replace(target);
  }

  function reset() {
    presses = 0;
    if (status) status.textContent = "";
  }

  link.addEventListener("click", exit);
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      reset();
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(reset, 5000);
    if (presses >= 3) {
      exit();
    } else if (status) {
      status.textContent = "Shift pressed " + presses + " of 3 times to exit this page";
    }
  });
  // Coming back through the browser's page cache must not leave a blank page.
  window.addEventListener("pageshow", function () {
    document.documentElement.classList.remove("is-exiting");
    reset();
  });
})();
