// Starts GOV.UK Frontend's components on every page (the pages work without it). Asked for
// with this module's own fingerprint (?v=), so that both are cached for as long.
const { initAll } = await import(`/assets/govuk-frontend.min.js${new URL(import.meta.url).search}`)

initAll()

// Live pages: a page that shows records (the board, an action) listens for changes to them
// and fetches itself again, replacing its parts marked data-jem-refresh. What the reader is
// typing is left alone; the forms take the version the page now shows.
const live = document.querySelector('[data-jem-live-prefix], [data-jem-live-stream]')
if (live && 'EventSource' in window) {
  const { jemLivePrefix: prefix, jemLiveStream: stream } = live.dataset
  const status = document.getElementById('jem-live-status')
  const source = new EventSource('/live')
  // Says when the stream is open, so that a test can wait for it: from then on no change is missed.
  source.addEventListener('open', () => { document.documentElement.dataset.jemLive = 'open' })
  source.addEventListener('change', async (event) => {
    const changed = JSON.parse(event.data)
    if (!changed.some((s) => (stream ? s === stream : s.startsWith(prefix)))) return
    const answer = await fetch(window.location.href, { headers: { Accept: 'text/html' } })
    if (!answer.ok) return
    const fresh = new DOMParser().parseFromString(await answer.text(), 'text/html')
    for (const part of document.querySelectorAll('[data-jem-refresh]')) {
      const next = fresh.getElementById(part.id)
      if (next) part.replaceWith(document.importNode(next, true))
    }
    const version = fresh.querySelector('input[name="version"]')
    for (const input of document.querySelectorAll('input[name="version"]')) {
      if (version) input.value = version.value
    }
    if (status) status.textContent = `Updated at ${new Date().toLocaleTimeString('en-GB')}`
  })
}

// In the meeting form, Enter in a text field records the form, as in a form with one button,
// rather than pressing the first button in the page's order ("Add another attendee").
for (const form of document.querySelectorAll('form.jem-record')) {
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.type === 'text') {
      event.preventDefault()
      form.requestSubmit(form.querySelector('.jem-record-button'))
    }
  })
}
