"""Emergency measures review: local COVID-19 and climate emergency measures, checked
against the standards that limit what an emergency may restrict (the 2020 Declaration's
third promise)."""
