/*
 * "Copy link" buttons: <button data-copy="ID"> copies the value of the input with that id and
 * says so in the status line that follows the field (read out by screen readers).
 */
;(() => {
  async function copy(button) {
    const input = document.getElementById(button.dataset.copy)
    const status = document.getElementById(`${button.dataset.copy}-status`)
    let copied = false
    try {
      await navigator.clipboard.writeText(input.value)
      copied = true
    } catch {
      input.select()
      copied = document.execCommand && document.execCommand("copy")
    }
    if (status) status.textContent = copied ? button.dataset.copied : button.dataset.failed
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-copy]")
    if (button) copy(button)
  })
})()
