"""The pages the end-to-end checks visit, by URL name and arguments (see conftest.ids)."""

PUBLIC_PAGES = [
    ("core:home", []),
    ("core:api-home", []),
    ("core:about-data", []),
    ("accounts:login", []),
    ("network:city-list", []),
    ("network:city-detail", ["gwangju"]),
    ("network:organisation-list", []),
    ("network:organisation-detail", ["ohchr"]),
    ("network:network-list", []),
    ("network:map", []),
    ("taxonomy:index", []),
    ("taxonomy:goal-list", []),
    ("taxonomy:goal-detail", [16]),
    ("taxonomy:theme-list", []),
    ("taxonomy:group-list", []),
    ("taxonomy:recommendation-list", []),
    ("taxonomy:theme-detail", ["{theme}"]),
    ("taxonomy:group-detail", ["{group}"]),
    ("taxonomy:recommendation-detail", ["{recommendation}"]),
    ("network:network-detail", ["whrcf"]),
    ("core:record-history", ["network.city", "{gwangju_pk}"]),
    ("commitments:declaration-list", []),
    ("commitments:declaration-detail", ["2020-whrcf-final-declaration"]),
    ("commitments:commitment-detail", ["2020-whrcf-final-declaration", 5]),
    ("commitments:action-detail", ["{action}"]),
    ("commitments:city-actions", ["gwangju"]),
    ("archive:item-list", []),
    ("archive:item-detail", ["{archive_item}"]),
    ("archive:item-print", ["{archive_item}"]),
    ("archive:event-list", []),
    ("archive:event-detail", ["{archive_event}"]),
    ("archive:collection-list", []),
    ("archive:collection-detail", ["{archive_collection}"]),
    ("archive:place-detail", ["{archive_place}"]),
    ("archive:timeline", []),
    ("archive:map", []),
    ("search:search", []),
    ("indicators:city-list", []),
    ("indicators:city-indicators", ["gwangju"]),
    ("indicators:indicator-detail", ["gwangju", "GJ-2-1"]),
    ("indicators:indicator-detail", ["gwangju", "GJ-4-4"]),
    ("reports:report-index", []),
    ("reports:report-detail", ["gwangju", 2023]),
]
EDITOR_PAGES = [
    ("accounts:profile", []),
    ("network:city-edit", ["gwangju"]),
    ("commitments:actions-import", []),
    ("commitments:action-create", ["2020-whrcf-final-declaration", 5]),
    ("indicators:indicator-create", ["gwangju"]),
    ("indicators:indicator-edit", ["gwangju", "GJ-2-1"]),
    ("indicators:observation-create", ["gwangju", "GJ-2-1"]),
    ("indicators:city-import", ["gwangju"]),
]
ADMIN_PAGES = [
    ("core:audit-log", []),
    ("accounts:role-list", []),
    ("accounts:role-revoke", ["{role}"]),
    ("network:city-create", []),
    ("network:organisation-edit", ["ohchr"]),
    ("core:revision-restore", ["{revision}"]),
    ("commitments:declaration-upload", []),
    ("core:record-tags", ["commitments.action", "{action}"]),
]

# Pages beyond those above that the phone test also visits: forms an editor fills in and the
# records they lead to.
MORE_PUBLIC_PAGES = [
    ("archive:person-detail", ["{archive_person}"]),
]
MORE_EDITOR_PAGES = [
    ("commitments:action-edit", ["{action}"]),
    ("indicators:observation-edit", ["gwangju", "GJ-2-1", "{observation}"]),
    ("indicators:observation-delete", ["gwangju", "GJ-2-1", "{observation}"]),
    ("archive:item-create", []),
    ("archive:item-edit", ["{archive_item}"]),
    ("archive:item-consents", ["{archive_item}"]),
    ("archive:item-redactions", ["{archive_item}"]),
    ("archive:item-media-add", ["{archive_item}"]),
    ("archive:event-create", []),
    ("archive:event-edit", ["{gwangju_event}"]),
]
MORE_ADMIN_PAGES = [
    ("archive:item-purge", ["{archive_item}"]),
]
