// Starts GOV.UK Frontend's components on every page (the pages work without it).
import { initAll } from '/assets/govuk-frontend.min.js'

initAll()

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
