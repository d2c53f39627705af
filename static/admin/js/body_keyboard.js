/*
 * Keyboard access to the body editor. content-editor adds and reorders blocks with the mouse
 * only: its "+" insert targets and plugin buttons are not focusable, and reordering is drag
 * and drop. This makes the targets and buttons focusable and operable with Enter/Space, and
 * gives each block "Move up" / "Move down" buttons; moving swaps the block's ordering value
 * with its neighbour's, exactly what a drop does, and announces the new position.
 */
;(() => {
  const gettext = window.gettext || ((text) => text)
  const label = (key) =>
    ({
      up: gettext("Move up"),
      down: gettext("Move down"),
      moved: gettext("Moved to position %(position)s of %(count)s."),
      insert: gettext("Add a block here"),
    })[key]

  function blocksInRegion(inline) {
    const region = inline.dataset.region
    return [
      ...document.querySelectorAll(
        `.order-machine .inline-related:not(.empty-form)[data-region="${region}"]`,
      ),
    ]
      .filter((el) => !el.classList.contains("for-deletion"))
      .sort((a, b) => a.style.order - b.style.order)
  }

  function orderingInput(inline) {
    return inline.querySelector('input[name$="-ordering"]')
  }

  function announce(text) {
    let live = document.getElementById("block-order-status")
    if (!live) {
      live = document.createElement("div")
      live.id = "block-order-status"
      live.className = "visually-hidden"
      live.setAttribute("role", "status")
      document.body.append(live)
    }
    live.textContent = text
  }

  function move(inline, step) {
    const blocks = blocksInRegion(inline)
    const index = blocks.indexOf(inline)
    const neighbour = blocks[index + step]
    if (!neighbour) return
    const mine = orderingInput(inline)
    const theirs = orderingInput(neighbour)
    ;[mine.value, theirs.value] = [theirs.value, mine.value]
    inline.style.order = mine.value
    neighbour.style.order = theirs.value
    announce(
      label("moved")
        .replace("%(position)s", index + step + 1)
        .replace("%(count)s", blocks.length),
    )
  }

  function addButtons(inline) {
    const heading = inline.querySelector(":scope > h3")
    if (!heading || heading.querySelector(".block-move")) return
    const group = document.createElement("span")
    group.className = "block-move"
    for (const [direction, step] of [
      ["up", -1],
      ["down", 1],
    ]) {
      const button = document.createElement("button")
      button.type = "button"
      button.className = `block-move-${direction}`
      button.textContent = direction === "up" ? "↑" : "↓"
      button.setAttribute("aria-label", label(direction))
      button.title = label(direction)
      button.addEventListener("click", (event) => {
        // The heading toggles collapsing on click; moving must not collapse the block.
        event.stopPropagation()
        event.preventDefault()
        move(inline, step)
        button.focus()
      })
      group.append(button)
    }
    heading.append(group)
  }

  const CLICKABLE = ".order-machine-insert-target, .plugin-buttons .plugin-button"

  function makeClickablesFocusable() {
    for (const element of document.querySelectorAll(CLICKABLE)) {
      if (element.hasAttribute("tabindex")) continue
      element.tabIndex = 0
      element.setAttribute("role", "button")
      if (element.matches(".order-machine-insert-target")) {
        element.setAttribute("aria-label", label("insert"))
        // The same words as a tooltip for the mouse: "+" alone says little.
        element.title = label("insert")
      }
    }
  }

  function addAllButtons() {
    for (const inline of document.querySelectorAll(
      ".order-machine .inline-related:not(.empty-form)",
    )) {
      addButtons(inline)
    }
    makeClickablesFocusable()
  }

  document.addEventListener("keydown", (event) => {
    const target = event.target.closest?.(CLICKABLE)
    if (!target || (event.key !== "Enter" && event.key !== " ")) return
    event.preventDefault()
    target.click()
    if (target.matches(".order-machine-insert-target")) {
      // Move focus into the menu that just opened so the next Tab lands on a block type.
      document.querySelector(".plugin-buttons .plugin-button")?.focus()
    }
  })

  // content-editor builds its interface and adds blocks after page load, at times of its own
  // choosing: watch the document and upgrade whatever it adds.
  let scheduled = false
  new MutationObserver(() => {
    if (scheduled) return
    scheduled = true
    requestAnimationFrame(() => {
      scheduled = false
      addAllButtons()
    })
  }).observe(document.documentElement, { childList: true, subtree: true })
})()
