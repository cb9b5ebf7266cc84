from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top floor: site-wide pages, record history and tags, demo and reference loading.

    It may import every app; no app imports it. Its URL names keep the `core:` namespace
    that templates and links have always used.
    """

    name = "hrcities.site"
    # "site" would read as django.contrib.sites' label.
    label = "hrsite"
