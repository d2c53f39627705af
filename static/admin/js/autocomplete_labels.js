/*
 * Names for the admin's autocomplete boxes (select2). select2 hides the labelled <select> and
 * draws its own combobox and search field without a name, so screen readers announce an
 * unnamed field. Each one gets the text of the original field's label, also when select2
 * redraws it (after every choice) or a new body block adds one.
 */
;(() => {
  function labelFor(container) {
    const select = container.previousElementSibling
    if (!select || !select.id) return ""
    const label = document.querySelector(`label[for="${select.id}"]`)
    return label ? label.textContent.replace(/:\s*$/, "").trim() : ""
  }

  function name(root) {
    root.querySelectorAll(".select2-container").forEach((container) => {
      const text = labelFor(container)
      if (!text) return
      container
        .querySelectorAll(
          ".select2-selection, .select2-search__field, .select2-selection__rendered[role=textbox]",
        )
        .forEach((field) => {
          if (!field.getAttribute("aria-label")) field.setAttribute("aria-label", text)
        })
    })
  }

  function start() {
    name(document)
    new MutationObserver(() => name(document)).observe(document.body, {
      childList: true,
      subtree: true,
    })
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start)
  } else {
    start()
  }
})()
