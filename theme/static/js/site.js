// Small enhancements; the site reads fully without JavaScript.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function announce(box, text) {
    var status = box.querySelector(".share-status");
    if (status) status.textContent = text;
  }

  function copyLink(box, url) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(
        function () { announce(box, "Đã sao chép liên kết."); },
        function () { announce(box, "Không sao chép được. Liên kết: " + url); }
      );
    } else {
      announce(box, "Liên kết: " + url);
    }
  }

  document.querySelectorAll(".share").forEach(function (box) {
    var native = box.querySelector(".share-native");
    var copy = box.querySelector(".share-copy");
    if (native && navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: native.dataset.shareTitle, url: native.dataset.shareUrl })
          .catch(function (error) {
            if (error && error.name !== "AbortError") copyLink(box, native.dataset.shareUrl);
          });
      });
    }
    if (copy) {
      copy.hidden = false;
      copy.addEventListener("click", function () { copyLink(box, copy.dataset.shareUrl); });
    }
  });
})();
