"""The problem type of `make check`: a SiteError (file, line, field, message, hint, severity)."""

from plugins.vietnamese.errors import SiteError


class ContentProblem(SiteError):
    """A problem found by `make check` in an article, a page, a photo or a link."""
