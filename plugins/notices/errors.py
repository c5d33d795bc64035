"""The kinds of problem in the notices' data (SiteError: file, line, field, hint)."""

from plugins.honours.errors import HonoursError


class HolidaysError(HonoursError):
    """A holidays file that is inconsistent, or a window reaching a year without one."""


class ConsultationError(HonoursError):
    """A consultation whose window or nominees cannot be published as written."""


class AmendmentError(HonoursError):
    """A correction or cancellation that cannot be applied as written."""
