"""Browsing the archive across cities: the timeline, the map of places, and the printable
page and PDF of an item, one module each.

Every record shown here comes through `visible_to(user)`, and every item through
`present_item`, so these views can show nothing a reader could not open on its own page.
"""
