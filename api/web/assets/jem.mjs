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
    sessionUsed()
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

// GOV.UK's timeout warning: shortly before the session ends for want of use, a dialog counts
// down and offers to stay signed in. The session is the browser's, so each tab tells the
// others when it used it. Without JavaScript nothing warns, and a form sent late is held.
const idleMs = Number(document.body.dataset.jemIdleSeconds) * 1000
const timeout = document.getElementById('jem-timeout')
const tabs = timeout && 'BroadcastChannel' in window ? new BroadcastChannel('jem-session') : null
let usedAt = Date.now()
let timer = 0

function sessionUsed (at = Date.now(), tell = true) {
  usedAt = Math.max(usedAt, at)
  document.body.dataset.jemSessionUsed = usedAt  // so that a test can wait for another tab's word
  if (tell && tabs) tabs.postMessage(usedAt)
  if (timeout?.open && !timeout.querySelector('.jem-timeout-warning').hidden) timeout.close()
  armTimeout()
}

// "2 minutes", "1 minute", "45 seconds".
function inWords (ms) {
  const seconds = Math.ceil(ms / 1000)
  if (seconds > 60) return `${Math.ceil(seconds / 60)} minutes`
  if (seconds === 60) return '1 minute'
  return seconds === 1 ? '1 second' : `${seconds} seconds`
}

function armTimeout () {
  if (!(idleMs > 0) || !timeout || typeof timeout.showModal !== 'function') return
  clearTimeout(timer)
  const warnFor = Math.min(2 * 60 * 1000, idleMs / 2)
  timer = setTimeout(countDown, Math.max(0, usedAt + idleMs - warnFor - Date.now()))
}

function countDown () {
  const left = usedAt + idleMs - Date.now()
  if (left <= 0) return signedOut()
  timeout.querySelector('.jem-timeout-countdown').textContent = inWords(left)
  if (!timeout.open) timeout.showModal()
  timer = setTimeout(countDown, left % 1000 || 1000)
}

function signedOut () {
  clearTimeout(timer)
  timeout.querySelector('.jem-timeout-warning').hidden = true
  timeout.querySelector('.jem-timeout-ended').hidden = false
  timeout.setAttribute('aria-labelledby', 'jem-timeout-ended-title')
  timeout.setAttribute('aria-describedby', 'jem-timeout-ended-text')
  if (!timeout.open) timeout.showModal()
  timeout.querySelector('.jem-timeout-close').focus()
}

if (timeout) {
  tabs?.addEventListener('message', (event) => sessionUsed(event.data, false))
  timeout.querySelector('.jem-timeout-stay').addEventListener('click', async () => {
    // Any signed-in request marks the session as in use; a browser no longer signed in is sent to sign in.
    const answer = await fetch('/session', { redirect: 'manual' }).catch(() => null)
    if (answer?.status === 204) sessionUsed()
    else signedOut()
  })
  timeout.querySelector('.jem-timeout-close').addEventListener('click', () => timeout.close())
  // Escape, as GOV.UK's pattern has it, stays signed in (once signed out, it closes the dialog).
  timeout.addEventListener('cancel', (event) => {
    if (timeout.querySelector('.jem-timeout-warning').hidden) return
    event.preventDefault()
    timeout.querySelector('.jem-timeout-stay').click()
  })
  sessionUsed()  // this page's request used the session: the other tabs count from now too
}
