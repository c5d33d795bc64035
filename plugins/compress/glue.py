"""Pelican glue of the compress plugin: gzip and brotli copies once everything is written."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from .compress import compress_tree
from .settings import CompressSettings

logger = logging.getLogger(__name__)


def compress_output(pelican) -> None:
    cfg = CompressSettings.from_pelican(pelican.settings)
    if not cfg.enabled:
        return
    report = compress_tree(Path(pelican.output_path), cfg)
    logger.info(
        "Nén %d tệp văn bản (%.1f MB): %d tệp mới nén, %d lấy từ bộ nhớ đệm",
        report.files,
        report.bytes_in / 1e6,
        report.compressed,
        report.from_cache,
    )


def register() -> None:
    signals.finalized.connect(compress_output)
