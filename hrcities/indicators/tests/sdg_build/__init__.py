"""Parts of Open SDG's build tool, sdg-build, that the tests run as it does."""
