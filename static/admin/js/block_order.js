/*
 * Keyboard reordering for body blocks (content-editor only supports drag and drop).
 * Each block gets "Move up" / "Move down" buttons; moving swaps the block's ordering value
 * with its neighbour's, exactly what a drop does, and announces the new position.
 */
;(() => {
  const gettext = window.gettext || ((text) => text)
  const label = (key) =>
    ({
      up: gettext("Move up"),
      down: gettext("Move down"),
      moved: gettext("Moved to position %(position)s of %(count)s."),
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

  function addAllButtons() {
    for (const inline of document.querySelectorAll(
      ".order-machine .inline-related:not(.empty-form)",
    )) {
      addButtons(inline)
    }
  }

  document.addEventListener("content-editor:activate", (event) => {
    if (event.detail?.inline) addButtons(event.detail.inline)
  })
  document.addEventListener("formset:added", () => setTimeout(addAllButtons))
  window.addEventListener("load", addAllButtons)
})()
