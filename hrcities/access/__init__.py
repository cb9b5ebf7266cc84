"""Who may see and who keeps a record: the access tiers, the one visibility rule, and
"does this user keep (edit or review) this record", for every domain.

A domain's record gets its access fields and its `visible_to(user)` by inheriting
`AccessFields` (see `models.py`); its pages, API, exports, feeds, reports and the search
index then ask the same questions through this package. It sits on `accounts` (roles)
and imports no domain.
"""
