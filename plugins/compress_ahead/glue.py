"""Pelican glue: hand every file Pelican's Writer writes to the worker of
tools/compress/ahead.py, which compresses it into the cache while Pelican goes on.

Only when COMPRESS_AHEAD is set (tools/build.py and make bench set it); the build's last step
(tools/compress) still makes the site's .gz/.br copies from every file, linking what the
worker made: the output never depends on this plugin, nor on its place in PLUGINS (a file
written by a `finalized` handler that runs after ours is compressed by the last step).

The worker belongs to one build (one Pelican.run), kept on the Pelican object and connected
weakly, like plugins/sitemap's collector: a build that fails before `finalized` drops it, and
its pipe closes when it is collected.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from tools.compress.ahead import start
from tools.compress.settings import CompressSettings


class AheadSender:
    def __init__(self, pelican, worker) -> None:
        self.pelican = pelican
        self.worker = worker

    def written(self, path, context) -> None:
        del context
        self.worker.send(path)

    def finish(self, pelican) -> None:
        if pelican is not self.pelican:
            return
        signals.content_written.disconnect(self.written)
        signals.finalized.disconnect(self.finish)
        self.worker.close()


def get_generators(pelican):
    cfg = CompressSettings.from_pelican(pelican.settings)
    worker = start(cfg, Path(pelican.output_path))
    previous = getattr(pelican, "compress_ahead", None)
    if previous is not None:  # an earlier run of this Pelican object that failed
        previous.finish(pelican)
    if worker is None:
        pelican.compress_ahead = None
        return None
    sender = AheadSender(pelican, worker)
    pelican.compress_ahead = sender
    signals.content_written.connect(sender.written)
    signals.finalized.connect(sender.finish)
    return None


def register() -> None:
    signals.get_generators.connect(get_generators)
