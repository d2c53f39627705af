/*
 * The release proof (the staff preview in a frame) on the clearance view and the read-only
 * release page: the frame grows to the height of the page it shows, so the officer scrolls
 * one page, not a box inside it. Same origin, so the frame's document can be measured.
 */
;(() => {
  function fit(frame) {
    const doc = frame.contentDocument
    if (doc && doc.documentElement) {
      frame.style.height = `${doc.documentElement.scrollHeight}px`
    }
  }

  function watch(frame) {
    fit(frame)
    const body = frame.contentDocument && frame.contentDocument.body
    if (body && "ResizeObserver" in window) {
      new ResizeObserver(() => fit(frame)).observe(body)
    }
  }

  function start() {
    document.querySelectorAll(".release-proof__frame").forEach((frame) => {
      frame.addEventListener("load", () => watch(frame))
      if (frame.contentDocument && frame.contentDocument.readyState === "complete") watch(frame)
    })
  }

  // The admin prints form media in <head>, before the frame exists.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start)
  } else {
    start()
  }
})()
