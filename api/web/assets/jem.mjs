// Starts GOV.UK Frontend's components on every page (the pages work without it).
import { initAll } from '/assets/govuk-frontend.min.js'

initAll()
