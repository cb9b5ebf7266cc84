/* Redact by selecting: on an item's page, its keepers select words in the title, a
 * description or the transcript (elements with data-redact-field) and choose "Redact
 * selection". The words, and the text they were selected in, go into the page's own
 * redaction form, which the keeper then submits as if the words had been typed: without
 * this script the form works the same, by typing. */
(function () {
  "use strict";

  var form = document.getElementById("redact-form");
  if (!form) {
    return;
  }
  var panel = form.closest("details");
  var status = form.querySelector(".redact-status");
  var phrase = form.elements.phrase;
  var field = form.elements.field;
  var language = form.elements.language;
  var chosen = null;

  var button = document.createElement("button");
  button.type = "button";
  button.className = "redact-button";
  button.textContent = form.dataset.buttonLabel;
  button.hidden = true;
  document.body.appendChild(button);

  // The words as the keeper reads them: the marks' screen-reader labels left out, line
  // and paragraph breaks read as spaces (the archive matches words, not spacing).
  function wordsOf(range) {
    var copy = range.cloneContents();
    copy.querySelectorAll(".visually-hidden").forEach(function (node) { node.remove(); });
    copy.querySelectorAll("br, p").forEach(function (node) {
      node.parentNode.insertBefore(document.createTextNode(" "), node);
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function textOf(node) {
    var element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return element ? element.closest("[data-redact-field]") : null;
  }

  function currentChoice() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) {
      return null;
    }
    var range = selection.getRangeAt(0);
    var start = textOf(range.startContainer);
    var end = textOf(range.endContainer);
    if (!start && !end) {
      return null;
    }
    if (start !== end) {
      return { outside: true, range: range };
    }
    var words = wordsOf(range);
    if (!words) {
      return null;
    }
    return {
      words: words,
      field: start.dataset.redactField || "",
      language: start.dataset.redactLanguage || "",
      range: range
    };
  }

  function place(range) {
    var box = range.getBoundingClientRect();
    var width = button.offsetWidth || 160;
    var left = Math.min(box.left, document.documentElement.clientWidth - width - 8);
    button.style.left = Math.max(8, left) + window.scrollX + "px";
    button.style.top = box.bottom + window.scrollY + 6 + "px";
  }

  document.addEventListener("selectionchange", function () {
    var choice = currentChoice();
    if (!choice) {
      // Keep the choice while the keeper reaches for the button.
      if (document.activeElement !== button) {
        button.hidden = true;
        chosen = null;
      }
      return;
    }
    chosen = choice;
    button.hidden = false;
    place(choice.range);
  });

  // Pressing the button must not clear the selection before it is read.
  button.addEventListener("mousedown", function (event) { event.preventDefault(); });

  button.addEventListener("click", function () {
    if (!chosen) {
      return;
    }
    if (chosen.outside) {
      status.textContent = form.dataset.outside;
    } else {
      phrase.value = chosen.words;
      field.value = chosen.field;
      language.value = chosen.language;
      status.textContent = "";
    }
    button.hidden = true;
    if (panel) {
      panel.open = true;
    }
    (chosen.outside ? phrase : form.elements.reason).focus();
    chosen = null;
  });

  // Words typed or changed by hand may stand anywhere in the item.
  phrase.addEventListener("input", function () {
    field.value = "";
    language.value = "";
  });
})();
