// Xem trước (`make serve` only, served by tools/serve.py, never written into the site):
// reloads the page after each rebuild. The server marks each page with the number of the
// build it was served from (<html data-xem-truoc-lan>); this script asks the server for the
// current number every second and reloads when it has changed: after a good build the new
// page is shown, after a failed one the page comes back with the list of problems.
(function () {
  "use strict";

  const STATUS = "/_xem-truoc/trang-thai.json";
  const EVERY = 1000;
  const shown = document.documentElement.dataset.xemTruocLan;

  async function check() {
    try {
      const response = await fetch(STATUS, { cache: "no-store" });
      if (response.ok) {
        const status = await response.json();
        if (shown !== undefined && String(status.lan) !== shown) {
          window.location.reload();
          return;
        }
      }
    } catch (error) {
      // The preview server is restarting or stopped: keep asking.
    }
    window.setTimeout(check, EVERY);
  }

  window.setTimeout(check, EVERY);
})();
