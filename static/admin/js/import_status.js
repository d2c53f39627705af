/*
 * The status page of a queued import: while the import waits or runs (data-refresh on
 * #import-status, in seconds), the page is fetched again and the region replaced, so a
 * screen reader hears the change (aria-live) and nothing reloads under the officer. Without
 * JavaScript the page says to reload it.
 */
;(() => {
  const region = document.getElementById("import-status")
  if (!region || !region.dataset.refresh) return
  const seconds = Number(region.dataset.refresh)

  async function poll() {
    try {
      const response = await fetch(window.location.href, { credentials: "same-origin" })
      if (response.ok) {
        const page = new DOMParser().parseFromString(await response.text(), "text/html")
        const fresh = page.getElementById("import-status")
        if (fresh) {
          // The whole page when the import ended: the result, or the form with the reason.
          if (!fresh.dataset.refresh) {
            window.location.reload()
            return
          }
          region.replaceChildren(...fresh.childNodes)
        }
      }
    } catch {
      // A network hiccup: try again at the next tick.
    }
    window.setTimeout(poll, seconds * 1000)
  }

  window.setTimeout(poll, seconds * 1000)
})()
